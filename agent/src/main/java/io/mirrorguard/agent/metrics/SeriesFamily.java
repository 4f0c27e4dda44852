package io.mirrorguard.agent.metrics;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fleet family: its series as rows (label block → value) and their rendering, kept until the rows change. Only
 * what changed is rendered again: a collection touches the instance's rows of a few small families, an evaluation
 * replaces the rows of the others as a whole (rendered by the evaluator, {@link #render}, before they are
 * installed). A Micrometer gauge per series cost ~600 B of heap each and a snapshot object per series at every
 * render; a row is one string and one number. Not thread-safe: {@link AgentMetrics} serializes.
 */
final class SeriesFamily {
    private final String name;
    private final String[] labelNames;
    private final Rendering textHeader;
    private final Rendering openMetricsHeader;
    private Map<String, Double> rows = new LinkedHashMap<>();
    /** The rows' sample lines; null when they changed since the last render. */
    private Rendering body;

    /**
     * @param name       the sample name ({@code _total} for a counter, {@code _info} for an info gauge)
     * @param labelNames the labels of every series, in the order they are written
     */
    SeriesFamily(String name, Exposition.Type type, String help, String... labelNames) {
        this.name = name;
        this.labelNames = labelNames.clone();
        this.textHeader = new Rendering(Exposition.textHeader(name, type, help).getBytes(StandardCharsets.UTF_8));
        this.openMetricsHeader = new Rendering(
                Exposition.openMetricsHeader(name, type, help).getBytes(StandardCharsets.UTF_8));
    }

    String name() {
        return name;
    }

    /** The row key of one series: its label block, values in the order of the label names. */
    String key(String... labelValues) {
        return Exposition.labels(labelNames, labelValues);
    }

    /** Sets one series; its rendering is kept when the value is the same (e.g. ownership confirmed again). */
    void set(String key, double value) {
        Double old = rows.put(key, value);
        if (old == null || Double.compare(old, value) != 0) {
            body = null;
        }
    }

    /** Adds to a counter's row, creating it at {@code amount}. */
    void add(String key, double amount) {
        rows.merge(key, amount, Double::sum);
        body = null;
    }

    /** Creates a counter's row at 0 unless it exists (so increase() sees its first change). */
    void create(String key) {
        if (rows.putIfAbsent(key, 0.0) == null) {
            body = null;
        }
    }

    void remove(String key) {
        if (rows.remove(key) != null) {
            body = null;
        }
    }

    /** Makes the family exactly {@code newRows} with their rendering from {@link #render} (the map is kept). */
    void replaceAll(Map<String, Double> newRows, Rendering renderedBody) {
        rows = newRows;
        body = renderedBody;
    }

    /** Makes the family exactly {@code newRows} (the map is kept), rendered again only if they differ. */
    void replaceAll(Map<String, Double> newRows) {
        if (!newRows.equals(rows)) {
            rows = newRows;
            body = null;
        }
    }

    int size() {
        return rows.size();
    }

    /** The sample lines of {@code rows}; touches nothing, so an evaluation renders before taking the lock. */
    Rendering render(Map<String, Double> someRows) {
        StringBuilder out = new StringBuilder(someRows.size() * (name.length() + 24 + 24 * labelNames.length));
        someRows.forEach((labels, value) -> Exposition.sample(out, name, labels, value));
        return new Rendering(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Header and samples in one format, rendering the samples if they changed; none when the family is empty. */
    List<Rendering> parts(boolean openMetrics) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (body == null) {
            body = render(rows);
        }
        return List.of(openMetrics ? openMetricsHeader : textHeader, body);
    }
}
