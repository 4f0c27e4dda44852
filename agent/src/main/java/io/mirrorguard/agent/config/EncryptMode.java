package io.mirrorguard.agent.config;

/** mssql-jdbc's encrypt property: TRUE (TLS after PRELOGIN), FALSE (login packet only), STRICT (TDS 8.0). */
public enum EncryptMode {
    TRUE, FALSE, STRICT;

    /** The value the driver expects. */
    public String driverValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
