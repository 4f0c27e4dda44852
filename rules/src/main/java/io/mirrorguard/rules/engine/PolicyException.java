package io.mirrorguard.rules.engine;

/** A policy value is invalid; the message starts with the field path, e.g. {@code policy.expiryHighDays: ...}. */
public class PolicyException extends IllegalArgumentException {
    private final String field;

    public PolicyException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
