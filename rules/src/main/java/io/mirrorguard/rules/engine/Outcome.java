package io.mirrorguard.rules.engine;

/** The result of one rule on one subject. */
public enum Outcome {
    PASS,
    FAIL,
    /** The subject is not part of a mirroring topology, or the rule's precondition does not hold. */
    NOT_APPLICABLE,
    /** A fact the rule needs could not be read: never PASS on missing data. */
    ERROR
}
