package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.rules.model.DeclaredLink;

import java.nio.file.Path;
import java.util.List;

/**
 * What the daemon needs from the configuration.
 *
 * @param storagePath   directory of the audit database; null keeps no history
 * @param retentionDays audit runs older than this are deleted
 */
public record DaemonSettings(List<InstanceSpec> instances, List<DeclaredLink> links, ScheduleSettings schedule,
                             ApiSettings http, Path storagePath, int retentionDays, String version) {
    public DaemonSettings {
        instances = List.copyOf(instances);
        links = links == null ? List.of() : List.copyOf(links);
        if (retentionDays < 1) {
            throw new IllegalArgumentException("storage.retentionDays: must be >= 1, got " + retentionDays);
        }
    }

    /** The same settings listening on another HTTP port ({@code --http-port}). */
    public DaemonSettings withHttpPort(int port) {
        return new DaemonSettings(instances, links, schedule,
                new ApiSettings(http.bind(), port, http.tokens(), http.tls(), http.auditBurst(), http.auditRefill()),
                storagePath, retentionDays, version);
    }
}
