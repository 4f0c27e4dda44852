package io.mirrorguard.agent.app;

import java.nio.file.Path;

/** Run in a child JVM by {@link DaemonTest}: starts the daemon with fakes, says READY after an audit, waits. */
public final class DaemonChild {
    public static void main(String[] args) throws Exception {
        Daemon daemon = DaemonTest.startWithFakes(DaemonTest.settings(Path.of(args[0]), 0)).stopOnShutdown();
        while (!daemon.audits().anyAuditDone()) {
            Thread.sleep(20);
        }
        System.out.println("READY " + daemon.httpPort());
        System.out.flush();
        daemon.awaitStopped();
    }
}
