package io.mirrorguard.agent.store;

import io.mirrorguard.agent.config.HostName;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.config.StorageConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How this agent joins a cluster: the shared PostgreSQL database, its own identity there, and how often it checks in.
 *
 * @param agentId         unique among the cluster's live agents; Quartz's instance id, recorded with runs and facts
 * @param checkinInterval Quartz's clusterCheckinInterval: a dead agent is noticed about this long after its last
 *                        check-in
 */
public record SharedStoreSettings(String url, Secret user, Secret password, String agentId,
                                  Duration checkinInterval) {

    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7_500);

    public SharedStoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.isBlank() || agentId.length() > 200) {
            throw new IllegalArgumentException("agent id must be 1..200 characters");
        }
        if (checkinInterval.toMillis() < 100) {
            throw new IllegalArgumentException("check-in interval must be at least 100 ms");
        }
    }

    /** The cluster settings of a configuration with storage.url, or null without. */
    public static SharedStoreSettings of(StorageConfig storage) {
        if (storage == null || !storage.clustered()) {
            return null;
        }
        return new SharedStoreSettings(storage.url(), storage.user(), storage.password(), generatedAgentId(),
                DEFAULT_CHECKIN);
    }

    /** Host name, process id and start time: distinct for two agents on one host, and for a restarted one. */
    public static String generatedAgentId() {
        String id = HostName.local() + "-" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis(), 36);
        return id.length() <= 200 ? id : id.substring(id.length() - 200);
    }

    /** The same cluster under another identity and check-in interval (several agents in one process, tests). */
    public SharedStoreSettings as(String otherAgentId, Duration otherCheckin) {
        return new SharedStoreSettings(url, user, password, otherAgentId, otherCheckin);
    }
}
