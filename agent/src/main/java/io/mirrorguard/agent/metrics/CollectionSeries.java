package io.mirrorguard.agent.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.mirrorguard.agent.metrics.Exposition.Type.GAUGE;

/**
 * How this agent's last collection of each instance went (up, duration, last success), exported for the instances
 * it owns only. Each collection is remembered for every instance it collected, so an instance whose ownership comes
 * back shows this agent's values again. Not thread-safe: {@link AgentMetrics} serializes.
 */
final class CollectionSeries {

    private record Collected(boolean up, double seconds, Double lastSuccess) {}

    private final SeriesFamily up = new SeriesFamily(MetricFamilies.INSTANCE_UP, GAUGE,
            "1 when the last collection read the instance's catalog, 0 when it could not", "instance");
    private final SeriesFamily duration = new SeriesFamily(MetricFamilies.AUDIT_DURATION, GAUGE,
            "Duration of the instance's last audit collection", "instance");
    private final SeriesFamily lastSuccess = new SeriesFamily(MetricFamilies.AUDIT_LAST_SUCCESS, GAUGE,
            "Unix time of the instance's last successful audit collection", "instance");
    private final Map<String, Collected> collected = new HashMap<>();
    /** Until the first evaluation says otherwise, this agent owns what it collects (alone, it owns everything). */
    private Predicate<String> owns = instance -> true;

    List<SeriesFamily> families() {
        return List.of(up, duration, lastSuccess);
    }

    void record(String instance, boolean success, double seconds, double finishedAtSeconds) {
        Collected previous = collected.get(instance);
        // a failed collection keeps the previous success time (or none, so the series stays absent)
        Double last = success ? Double.valueOf(finishedAtSeconds) : previous == null ? null : previous.lastSuccess();
        collected.put(instance, new Collected(success, seconds, last));
        show(instance);
    }

    /** After an evaluation: the series of the instances it says this agent owns, and none of the others. */
    void owned(Predicate<String> owner) {
        owns = owner;
        collected.keySet().forEach(this::show);
    }

    /** Forgets instances no longer configured. */
    void retain(Set<String> instances) {
        for (Iterator<String> it = collected.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!instances.contains(name)) {
                hide(name);
                it.remove();
            }
        }
    }

    private void show(String instance) {
        Collected c = collected.get(instance);
        if (c == null || !owns.test(instance)) {
            hide(instance);
            return;
        }
        String key = up.key(instance);
        up.set(key, c.up() ? 1 : 0);
        duration.set(key, c.seconds());
        if (c.lastSuccess() != null) {
            lastSuccess.set(key, c.lastSuccess());
        } else {
            lastSuccess.remove(key);
        }
    }

    private void hide(String instance) {
        String key = up.key(instance);
        up.remove(key);
        duration.remove(key);
        lastSuccess.remove(key);
    }
}
