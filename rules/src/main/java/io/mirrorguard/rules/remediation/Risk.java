package io.mirrorguard.rules.remediation;

/** How much an action can hurt a running system. */
public enum Risk {
    /** Metadata-only change that cannot interrupt a mirroring session. */
    SAFE,
    /** Restarts the endpoint or can trigger a failover: only inside a maintenance window or with explicit consent. */
    DISRUPTIVE,
    /**
     * A reviewed step a person runs by hand (for example redirecting a replica's ENDPOINT_URL): planned and shown,
     * never applied automatically.
     */
    MANUAL
}
