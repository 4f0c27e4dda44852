package io.mirrorguard.simulator;

import io.mirrorguard.simulator.scenario.ScenarioException;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mirrorguard-simulator.jar --scenario ...}: runs a scenario, serves its instances over TDS and
 * stops on SIGTERM. See {@link SimulatorArgs#USAGE} and docs/simulator.md.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) {
        // The hook is in place before "ready" is printed: a client that stops us right after it still gets a
        // clean close and exit 0. Stopped before the run existed, the JVM's own exit status stands.
        AtomicReference<SimulatorRun> started = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SimulatorRun run = started.get();
            if (run == null) {
                return;
            }
            run.close();
            System.out.flush();
            // SIGTERM is the normal way to stop the simulator: exit 0 rather than the JVM's 143.
            Runtime.getRuntime().halt(0);
        }, "simulator-shutdown"));
        Outcome outcome = start(List.of(args), System.out, System.err, started::set);
        if (outcome.run() == null) System.exit(outcome.exitCode());
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A started run, or no run and the exit code: 0 help shown, 1 scenario or start failure, 2 usage error. */
    record Outcome(SimulatorRun run, int exitCode) {}

    /** Parses, starts and prints the ready lines. */
    static Outcome start(List<String> args, PrintStream out, PrintStream err) {
        return start(args, out, err, run -> { });
    }

    /** As {@link #start(List, PrintStream, PrintStream)}, handing the run over before "ready" is printed. */
    static Outcome start(List<String> args, PrintStream out, PrintStream err, Consumer<SimulatorRun> onStarted) {
        SimulatorOptions options;
        try {
            options = SimulatorArgs.parse(args);
        } catch (SimulatorArgs.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(SimulatorArgs.USAGE);
            return new Outcome(null, 2);
        }
        if (options == null) {
            out.println(SimulatorArgs.USAGE);
            return new Outcome(null, 0);
        }
        SimulatorRun run;
        try {
            run = Simulator.start(options);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return new Outcome(null, 1);
        } catch (RuntimeException e) {
            err.println("error: cannot start the simulator: " + e.getMessage());
            return new Outcome(null, 1);
        }
        onStarted.accept(run);
        printReady(run, out);
        return new Outcome(run, 0);
    }

    /** The lines scripts wait for: one per instance, the trust store, then {@code ready}. */
    static void printReady(SimulatorRun run, PrintStream out) {
        run.ports().forEach((name, port) ->
                out.println("instance " + name + " listening on " + SimulatorDefaults.HOST + ":" + port));
        out.println("trust store " + run.trustStore().toAbsolutePath());
        out.println("ready");
        out.flush();
    }
}
