package io.mirrorguard.agent.testing;

import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;

/** Small finding builders for agent tests. */
public final class Findings {
    private Findings() {}

    public static Finding finding(String rule, String instance, String peer, Outcome outcome, Severity severity) {
        String subject = peer == null ? instance + "/endpoint/Mirroring" : instance + "<-" + peer;
        return new Finding(rule, instance, peer, subject, outcome, severity, rule + " is " + outcome + " on " + subject,
                Evidence.of("observed", "expected"), null);
    }

    public static Finding fail(String rule, String instance) {
        return finding(rule, instance, null, Outcome.FAIL, Severity.HIGH);
    }

    public static Finding pass(String rule, String instance) {
        return finding(rule, instance, null, Outcome.PASS, Severity.HIGH);
    }
}
