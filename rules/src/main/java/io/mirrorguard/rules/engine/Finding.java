package io.mirrorguard.rules.engine;

/**
 * One outcome of one rule on one subject.
 *
 * @param instance the instance the finding is about (for trust rules the trusting side L)
 * @param peer     the other instance for link and trust rules, else null
 * @param subject  stable path of what was checked, e.g. {@code SQLA/endpoint/Mirroring} or {@code SQLA<-SQLB}
 * @param waiver   the waiver that applies to this FAIL, or that expired (then {@link AppliedWaiver#expired()}), else null
 */
public record Finding(
        String ruleId,
        String instance,
        String peer,
        String subject,
        Outcome outcome,
        Severity severity,
        String message,
        Evidence evidence,
        AppliedWaiver waiver) {

    /** A FAIL that a current waiver covers: shown, but not counted against the exit code or alerts. */
    public boolean waived() {
        return outcome == Outcome.FAIL && waiver != null && !waiver.expired();
    }

    /** A FAIL that counts: not waived. */
    public boolean failing() {
        return outcome == Outcome.FAIL && !waived();
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, instance, peer, subject, outcome, s, message, evidence, waiver);
    }

    public Finding withWaiver(AppliedWaiver w) {
        return new Finding(ruleId, instance, peer, subject, outcome, severity, message, evidence, w);
    }
}
