package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.model.Target;

import java.time.Duration;

/**
 * A configured instance as the daemon sees it.
 *
 * @param timeout how long one collection may take before it is cancelled and reported as TIMEOUT
 */
public record InstanceSpec(Target target, Duration timeout) {
    public String name() {
        return target.name();
    }
}
