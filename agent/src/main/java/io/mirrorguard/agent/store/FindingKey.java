package io.mirrorguard.agent.store;

import io.mirrorguard.rules.engine.Finding;

/** Identity of a finding across audits: rule, instance, peer (empty when none) and subject. */
public record FindingKey(String ruleId, String instance, String peer, String subject) {
    public FindingKey {
        peer = peer == null ? "" : peer;
        subject = subject == null ? "" : subject;
    }

    public static FindingKey of(Finding f) {
        return new FindingKey(f.ruleId(), f.instance(), f.peer(), f.subject());
    }
}
