package io.mirrorguard.agent.cluster;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.app.DaemonSettings;
import io.mirrorguard.agent.store.SharedStoreSettings;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.catalog.BuiltInRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * One agent of a test cluster, as {@code mirrorguard run} starts it but under a chosen identity and a short check-in
 * interval, without the start-up audit (so every audit counted is a scheduled firing). Also the main class of the
 * child JVM a test kills with kill -9.
 */
public final class ClusterAgent {

    static final Duration CHECKIN = Duration.ofSeconds(1);

    private ClusterAgent() {}

    static AgentConfig load(Path config) throws Exception {
        return new ConfigLoader(name -> null,
                BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id).collect(Collectors.toSet()))
                .read(config);
    }

    static Daemon start(AgentConfig config, String agentId) {
        return start(config, agentId, CHECKIN);
    }

    /** With another check-in interval (also how often a cluster agent looks for other agents' facts). */
    static Daemon start(AgentConfig config, String agentId, Duration checkin) {
        DaemonSettings settings = DaemonSettings.from(config, "cluster-test").withHttpPort(0).withoutAuditOnStart();
        SharedStoreSettings shared = settings.shared();
        return Daemon.start(config, shared == null ? settings : settings.withShared(shared.as(agentId, checkin)));
    }

    /** Child JVM: {@code ClusterAgent CONFIG AGENT_ID}; prints READY once scheduling, then runs until killed. */
    public static void main(String[] args) throws Exception {
        Daemon daemon = start(load(Path.of(args[0])), args[1]);
        System.out.println("READY " + daemon.httpPort());
        System.out.flush();
        daemon.awaitStopped();
    }
}
