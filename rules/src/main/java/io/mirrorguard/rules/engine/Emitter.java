package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.Section;
import java.util.ArrayList;
import java.util.List;

/** Collects one rule's findings, stamping its id and default severity. */
public final class Emitter {
    private final RuleDescriptor rule;
    private final List<Finding> findings = new ArrayList<>();

    public Emitter(RuleDescriptor rule) {
        this.rule = rule;
    }

    public RuleDescriptor rule() {
        return rule;
    }

    public List<Finding> findings() {
        return findings;
    }

    public void pass(String instance, String peer, String subject, String message, Evidence evidence) {
        emit(Outcome.PASS, rule.severity(), instance, peer, subject, message, evidence);
    }

    public void fail(String instance, String peer, String subject, String message, Evidence evidence) {
        emit(Outcome.FAIL, rule.severity(), instance, peer, subject, message, evidence);
    }

    /** A FAIL whose severity depends on the facts (e.g. expiry within the HIGH window). */
    public void fail(Severity severity, String instance, String peer, String subject, String message,
                     Evidence evidence) {
        emit(Outcome.FAIL, severity, instance, peer, subject, message, evidence);
    }

    public void notApplicable(String instance, String peer, String subject, String why) {
        emit(Outcome.NOT_APPLICABLE, rule.severity(), instance, peer, subject, why, Evidence.of(why, null));
    }

    public void error(String instance, String peer, String subject, String why) {
        emit(Outcome.ERROR, rule.severity(), instance, peer, subject, why, Evidence.of("unknown: " + why, null));
    }

    /**
     * Emits an ERROR naming the first of the given sections that was not read; returns true when it did, so a rule
     * can write {@code if (out.unread(...)) return;}.
     */
    public boolean unread(String instance, String peer, String subject, Object... namesAndSections) {
        for (int i = 0; i + 1 < namesAndSections.length; i += 2) {
            Section<?> s = (Section<?>) namesAndSections[i + 1];
            if (!s.isRead()) {
                error(instance, peer, subject, instance + " " + namesAndSections[i] + " not read ("
                        + s.describeGap() + ")");
                return true;
            }
        }
        return false;
    }

    public void emit(Outcome outcome, Severity severity, String instance, String peer, String subject,
                     String message, Evidence evidence) {
        findings.add(new Finding(rule.id(), instance, peer, subject, outcome, severity, message,
                evidence == null ? Evidence.of(null, null) : evidence, null));
    }
}
