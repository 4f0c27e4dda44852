package io.mirrorguard.agent.cluster;

import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.DaemonRemediation;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A {@link ClusterAgent} with remediation wired in as {@code mirrorguard run} wires it (automatic mode when the
 * configuration enables it, the journal routes). Also the main class of a child JVM a test kills with kill -9.
 */
public final class RemediatingClusterAgent {

    private RemediatingClusterAgent() {}

    static Daemon start(AgentConfig config, String agentId) {
        Daemon daemon = ClusterAgent.start(config, agentId);
        DaemonRemediation.attach(config, daemon, Clock.systemUTC());
        return daemon;
    }

    /** Child JVM: {@code RemediatingClusterAgent CONFIG AGENT_ID}; prints READY, then runs until killed. */
    public static void main(String[] args) throws Exception {
        Daemon daemon = start(ClusterAgent.load(Path.of(args[0])), args[1]);
        System.out.println("READY " + daemon.httpPort());
        System.out.flush();
        daemon.awaitStopped();
    }
}
