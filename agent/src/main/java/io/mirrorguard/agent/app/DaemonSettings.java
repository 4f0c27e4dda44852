package io.mirrorguard.agent.app;

import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.MetricsConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.http.ApiSettings;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.agent.store.SharedStoreSettings;
import io.mirrorguard.rules.model.DeclaredLink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the daemon needs from the configuration.
 *
 * @param storagePath   directory of the audit database; null keeps no history
 * @param retentionDays audit runs older than this are deleted
 * @param metrics       what /metrics exports per instance
 * @param shared        the cluster's PostgreSQL database (storage.url), or null for the embedded store and an
 *                      in-memory scheduler
 */
public record DaemonSettings(List<InstanceSpec> instances, List<DeclaredLink> links, ScheduleSettings schedule,
                             ApiSettings http, Path storagePath, int retentionDays, String version,
                             MetricsConfig metrics, SharedStoreSettings shared) {
    public DaemonSettings {
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        instances = List.copyOf(instances);
        links = links == null ? List.of() : List.copyOf(links);
        if (retentionDays < 1) {
            throw new IllegalArgumentException("storage.retentionDays: must be >= 1, got " + retentionDays);
        }
    }

    /** With the default metrics settings. */
    public DaemonSettings(List<InstanceSpec> instances, List<DeclaredLink> links, ScheduleSettings schedule,
                          ApiSettings http, Path storagePath, int retentionDays, String version) {
        this(instances, links, schedule, http, storagePath, retentionDays, version, MetricsConfig.defaults(), null);
    }

    /** Slack on top of an instance's login and query timeouts before its collection counts as hung. */
    static final Duration COLLECT_SLACK = Duration.ofSeconds(5);
    /** On-demand audits: this many at once, then one more per {@link #AUDIT_REFILL}. */
    static final int AUDIT_BURST = 5;
    static final Duration AUDIT_REFILL = Duration.ofSeconds(12);

    /** The daemon's view of a loaded configuration; secrets are revealed only into the HTTP token list. */
    public static DaemonSettings from(AgentConfig config, String version) {
        List<InstanceSpec> instances = config.instances().stream()
                .map(i -> new InstanceSpec(i.target(), collectTimeout(i)))
                .toList();
        var schedule = config.schedule();
        var http = config.http();
        ApiSettings.Tls tls = http.tls() == null ? null
                : new ApiSettings.Tls(http.tls().keystore(), http.tls().password().reveal(), "PKCS12");
        ApiSettings api = new ApiSettings(http.bind(), http.port(),
                http.tokens().stream().map(Secret::reveal).toList(), tls, AUDIT_BURST, AUDIT_REFILL,
                http.metricsAuth());
        var storage = config.storage();
        return new DaemonSettings(instances, config.topology() == null ? List.of() : config.topology().links(),
                new ScheduleSettings(schedule.cron(), schedule.jitterSeconds(),
                        Math.min(schedule.concurrency(), ScheduleSettings.MAX_CONCURRENCY), true),
                api, storage == null ? null : storage.path(), storage == null ? 30 : storage.retentionDays(), version,
                config.metrics(), SharedStoreSettings.of(storage));
    }

    static Duration collectTimeout(InstanceConfig i) {
        return Duration.ofSeconds((long) i.loginTimeoutSeconds() + i.queryTimeoutSeconds()).plus(COLLECT_SLACK);
    }

    /** The same settings listening on another HTTP port ({@code --http-port}). */
    public DaemonSettings withHttpPort(int port) {
        return new DaemonSettings(instances, links, schedule,
                new ApiSettings(http.bind(), port, http.tokens(), http.tls(), http.auditBurst(), http.auditRefill(),
                        http.metricsAuth()),
                storagePath, retentionDays, version, metrics, shared);
    }

    /** The same settings without the scheduler's start-up audit (the caller audits the fleet itself, once). */
    public DaemonSettings withoutAuditOnStart() {
        return new DaemonSettings(instances, links, new ScheduleSettings(schedule.cron(), schedule.jitterSeconds(),
                schedule.concurrency(), false), http, storagePath, retentionDays, version, metrics, shared);
    }

    /** The same settings joining the cluster as another agent (several agents in one process, tests). */
    public DaemonSettings withShared(SharedStoreSettings otherShared) {
        return new DaemonSettings(instances, links, schedule, http, storagePath, retentionDays, version, metrics,
                otherShared);
    }
}
