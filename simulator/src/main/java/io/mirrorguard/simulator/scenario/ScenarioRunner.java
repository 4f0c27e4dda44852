package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a parsed scenario against a fleet: each batch through the instance's sa session, {@code :clock} in order,
 * {@code :fault}s only once everything else succeeded. Stops at the first batch that reports an error (severity
 * above 10), naming the scenario line of the failing statement.
 */
public final class ScenarioRunner {

    private final ScenarioFleet fleet;
    private final Consumer<String> info;

    /**
     * @param info receives PRINT and other informational messages, as {@code NAME: text}
     */
    public ScenarioRunner(ScenarioFleet fleet, Consumer<String> info) {
        this.fleet = fleet;
        this.info = info;
    }

    /** What a successful run touched. */
    public record Summary(List<String> instances, int batches, int faults) {
        public Summary {
            instances = List.copyOf(instances);
        }
    }

    public Summary run(Scenario scenario) {
        Map<String, SqlSession> sessions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> order = new LinkedHashMap<>();
        List<ScenarioStep.InjectFault> faults = new ArrayList<>();
        int batches = 0;
        try {
            for (ScenarioStep step : scenario.steps()) {
                if (step instanceof ScenarioStep.Batch b) {
                    SqlSession session = sessions.get(b.instance());
                    if (session == null) {
                        session = open(b.instance(), b.where());
                        sessions.put(b.instance(), session);
                        order.putIfAbsent(b.instance().toUpperCase(Locale.ROOT), b.instance());
                    }
                    for (int i = 0; i < b.repeat(); i++) {
                        execute(b, session);
                        batches++;
                    }
                } else if (step instanceof ScenarioStep.Clock c) {
                    fleet.setClock(c.instant());
                } else if (step instanceof ScenarioStep.InjectFault f) {
                    faults.add(f);
                }
            }
            for (ScenarioStep.InjectFault f : faults) {
                ScenarioFleet.Instance target = instance(f.instance(), f.where());
                target.setFault(f.fault());
                order.putIfAbsent(f.instance().toUpperCase(Locale.ROOT), f.instance());
            }
        } finally {
            for (SqlSession s : sessions.values()) s.close();
        }
        return new Summary(new ArrayList<>(order.values()), batches, faults.size());
    }

    private SqlSession open(String name, SourceLine where) {
        ScenarioFleet.Instance inst = instance(name, where);
        try {
            return inst.adminSession();
        } catch (RuntimeException e) {
            throw new ScenarioException(where, "instance " + name + ": cannot open an sa session: " + e.getMessage(), e);
        }
    }

    private ScenarioFleet.Instance instance(String name, SourceLine where) {
        try {
            return fleet.instance(name);
        } catch (RuntimeException e) {
            throw new ScenarioException(where, "instance " + name + ": " + e.getMessage(), e);
        }
    }

    private void execute(ScenarioStep.Batch b, SqlSession session) {
        BatchResult result;
        try {
            result = session.execute(b.sql(), List.of(), new CancelToken());
        } catch (RuntimeException e) {
            // The engine promises errors as messages; anything thrown is a simulator bug, still reported in place.
            throw new ScenarioException(b.where(), "instance " + b.instance() + ": batch failed inside the simulator: "
                    + e, e);
        }
        ResultItem.Message firstError = null;
        for (ResultItem item : result.items()) {
            if (item instanceof ResultItem.Message m) {
                if (m.error()) {
                    if (firstError == null) firstError = m;
                } else {
                    info.accept(b.instance() + ": " + m.text());
                }
            }
        }
        if (firstError != null) {
            throw new ScenarioException(b.origin(firstError.line()), "instance " + b.instance() + ": Msg "
                    + firstError.number() + ", Level " + firstError.severity() + ", State " + firstError.state()
                    + ": " + firstError.text());
        }
    }
}
