package io.mirrorguard.agent.console;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A shipped scenario on the simulator with the real daemon (collector, rules, store) auditing it on a free loopback
 * port, one full audit done: what a user sees after `mirrorguard demo`.
 */
final class ConsoleFleet implements AutoCloseable {
    private final Path dir;
    private final SimulatorRun simulator;
    private final Daemon daemon;

    ConsoleFleet(String scenario) throws Exception {
        dir = Files.createTempDirectory("mirrorguard-console-");
        simulator = Simulator.start(SimulatorOptions.of("classpath:" + scenario).withInfo(line -> { }));
        try {
            Path inventory = dir.resolve("mirrorguard.yml");
            simulator.writeInventory(inventory);
            AgentConfig config = ConfigLoader.load(inventory);
            daemon = Daemon.start(config, 0);
            daemon.audits().auditFleet(AuditTrigger.ON_DEMAND);
        } catch (Exception | Error e) {
            simulator.close();
            throw e;
        }
    }

    /** Audits again, so the store has a second run to compare. */
    void auditAgain() throws InterruptedException {
        daemon.audits().auditFleet(AuditTrigger.ON_DEMAND);
    }

    SimulatorRun simulator() {
        return simulator;
    }

    String base() {
        return "http://127.0.0.1:" + daemon.httpPort();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws IOException {
        try {
            daemon.stop();
        } finally {
            simulator.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
