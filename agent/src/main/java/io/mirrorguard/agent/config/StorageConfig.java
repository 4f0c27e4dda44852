package io.mirrorguard.agent.config;

import java.nio.file.Path;

/**
 * Where audit results are kept and for how long.
 *
 * @param path     directory of the embedded H2 database (and, without {@code url}, the remediation journal)
 * @param url      a PostgreSQL JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB}) shared by several agents: the audit
 *                 store and the Quartz job store move there and the agents form one cluster; null keeps the embedded
 *                 single-process default
 * @param user     PostgreSQL user, null when {@code url} is null or the driver's default applies
 * @param password PostgreSQL password, null when none
 */
public record StorageConfig(Path path, int retentionDays, String url, Secret user, Secret password) {

    public StorageConfig(Path path, int retentionDays) {
        this(path, retentionDays, null, null, null);
    }

    /** Whether agents share a PostgreSQL store and schedule as one Quartz cluster. */
    public boolean clustered() {
        return url != null;
    }
}
