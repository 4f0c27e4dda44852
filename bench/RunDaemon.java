import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.app.Daemon;
import java.nio.file.Path;

/**
 * Starts the agent daemon for the benchmark. Stops on SIGTERM.
 * <pre>java -cp agent/target/mirrorguard.jar bench/RunDaemon.java CONFIG.yml HTTP_PORT [--no-audit-on-start]</pre>
 * Without the flag: exactly Daemon.start(config, port), what `mirrorguard run` does. With it: the same wiring
 * (collector, rules engine, store, metrics, scheduler, HTTP) but no audit of every instance at start, so that a
 * single fleet audit (POST /api/v1/audits) can be measured on its own.
 */
public final class RunDaemon {
    public static void main(String[] args) throws Exception {
        AgentConfig config = ConfigLoader.load(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        boolean auditOnStart = !(args.length > 2 && args[2].equals("--no-audit-on-start"));
        Daemon daemon = Daemon.start(config, port, auditOnStart);
        daemon.stopOnShutdown().awaitStopped();
    }
}
