package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;

import java.time.Instant;
import java.util.List;

/** One thing a scenario does, in file order. */
public sealed interface ScenarioStep {

    /** Where the step starts in the scenario files. */
    SourceLine where();

    /**
     * A batch for one instance. {@code lines} holds the origin of every line of {@code sql} (a batch can span an
     * {@code :r} include), so that an error on batch line N points at {@code lines.get(N - 1)}; {@code where} is
     * the first line that holds code rather than a comment.
     */
    record Batch(String instance, String sql, List<SourceLine> lines, int repeat, SourceLine where)
            implements ScenarioStep {
        public Batch {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) throw new IllegalArgumentException("a batch has at least one line");
            if (repeat < 1) throw new IllegalArgumentException("repeat must be at least 1");
        }

        /** The scenario line of batch line {@code batchLine} (1-based), clamped to the batch. */
        public SourceLine origin(int batchLine) {
            int i = Math.max(1, Math.min(batchLine, lines.size()));
            return lines.get(i - 1);
        }
    }

    /** {@code :clock}: every instance's UTC clock is set to {@code instant} before the next batch. */
    record Clock(Instant instant, SourceLine where) implements ScenarioStep {}

    /** {@code :fault}: applied after the whole scenario ran, so it cannot disturb the scenario's own statements. */
    record InjectFault(String instance, Fault fault, SourceLine where) implements ScenarioStep {}
}
