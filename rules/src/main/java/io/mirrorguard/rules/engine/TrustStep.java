package io.mirrorguard.rules.engine;

/** The outcome of one inbound step of one trust direction, as the matching trust rule reports it. */
public record TrustStep(Outcome outcome, String message, Evidence evidence) {

    public static TrustStep pass(String message, Evidence evidence) {
        return new TrustStep(Outcome.PASS, message, evidence);
    }

    public static TrustStep fail(String message, Evidence evidence) {
        return new TrustStep(Outcome.FAIL, message, evidence);
    }

    public static TrustStep notApplicable(String why) {
        return new TrustStep(Outcome.NOT_APPLICABLE, why, Evidence.of(why, null));
    }

    public static TrustStep error(String why) {
        return new TrustStep(Outcome.ERROR, why, Evidence.of("unknown: " + why, null));
    }
}
