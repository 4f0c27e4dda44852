package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.model.Target;

/**
 * A configured instance the daemon has not collected since it started. Nothing is judged against it: the rules know
 * it exists (a peer), and say ERROR, not FAIL or PASS, where its facts are needed, until its first collection.
 */
final class NotCollectedYet {
    static final String REASON = "not collected yet since the agent started";

    private NotCollectedYet() {}

    static FleetScope.Uncollected of(Target target) {
        return new FleetScope.Uncollected(target, REASON);
    }
}
