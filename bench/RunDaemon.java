import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.daemon.Daemon;
import java.nio.file.Path;

/**
 * Starts the agent daemon the way `mirrorguard run --config FILE --http-port N` does, for builds whose CLI has no
 * `run` subcommand yet. Stops on SIGTERM.
 * <pre>java -cp agent/target/mirrorguard.jar bench/RunDaemon.java CONFIG.yml HTTP_PORT</pre>
 */
public final class RunDaemon {
    public static void main(String[] args) throws Exception {
        Daemon daemon = Daemon.start(ConfigLoader.load(Path.of(args[0])), Integer.valueOf(args[1])).stopOnShutdown();
        daemon.awaitStopped();
    }
}
