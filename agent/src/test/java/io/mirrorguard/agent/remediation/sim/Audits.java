package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** Fresh audits and comparable views of their findings. */
final class Audits {

    private Audits() {}

    /** A new collector each time, so nothing is cached between before and after. */
    static AuditResult fresh(AgentConfig cfg) {
        try (CollectingFleetAuditor a = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
            return a.audit();
        }
    }

    /** Every instance was read: a fix can only be judged on facts that were collected. */
    static void assertCollected(AuditResult audit) {
        Map<String, String> failures = new TreeMap<>();
        audit.snapshot().instances().stream().filter(i -> !i.collection().succeeded())
                .forEach(i -> failures.put(i.name(), i.collection().reason()));
        org.assertj.core.api.Assertions.assertThat(failures).as("instances not collected").isEmpty();
    }

    /** rule@instance<-peer#subject → outcome. */
    static Map<String, Outcome> outcomes(AuditResult audit) {
        Map<String, Outcome> m = new TreeMap<>();
        for (Finding f : audit.findings()) {
            m.put(key(f), f.outcome());
        }
        return m;
    }

    static String key(Finding f) {
        return f.ruleId() + "@" + f.instance() + (f.peer() == null ? "" : "<-" + f.peer()) + "#" + f.subject();
    }

    static String shortKey(Finding f) {
        return f.ruleId() + "@" + f.instance() + (f.peer() == null ? "" : "<-" + f.peer());
    }
}
