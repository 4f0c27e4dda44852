package io.mirrorguard.agent.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A password or token resolved at load time. Its text is reachable only through {@link #reveal()}: toString and
 * JSON serialisation print a mask, so a config object can be logged or returned by an API without leaking it.
 */
public final class Secret {

    public static final String MASK = "******";

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A secret written inline in the configuration (discouraged outside tests and demos). */
    public static Secret inline(String value) {
        return new Secret(value, "inline");
    }

    static Secret fromEnv(String variable, String value) {
        return new Secret(value, "env:" + variable);
    }

    static Secret fromFile(String path, String value) {
        return new Secret(value, "file:" + path);
    }

    /** The secret text; call only where it is handed to a driver or compared. */
    public String reveal() {
        return value;
    }

    /** Where the secret came from (env:VAR, file:PATH or inline), never the secret itself. */
    public String source() {
        return source;
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
