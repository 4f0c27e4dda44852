package io.mirrorguard.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One gauge family whose series are kept in step with the latest values without re-registering them: a series is
 * registered once (backed by a mutable value), updated in place afterwards, and removed only when it disappears.
 * MultiGauge's overwrite removes and re-registers every series of the family on each call, which at 1,000
 * instances meant ~130,000 registrations per evaluation. Not thread-safe: callers serialize.
 */
final class GaugeFamily {
    private final MeterRegistry registry;
    private final String name;
    private final String baseUnit;
    private final String description;
    private final Map<Tags, Series> series = new HashMap<>();

    private static final class Series {
        private volatile double value;
        private Gauge gauge;

        double value() {
            return value;
        }
    }

    GaugeFamily(MeterRegistry registry, String name, String baseUnit, String description) {
        this.registry = registry;
        this.name = name;
        this.baseUnit = baseUnit;
        this.description = description;
    }

    /** Sets one series, registering it when it is new. */
    void set(Tags tags, double value) {
        Series s = series.get(tags);
        if (s == null) {
            s = new Series();
            s.value = value;
            s.gauge = Gauge.builder(name, s, Series::value)
                    .description(description)
                    .baseUnit(baseUnit)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            series.put(tags, s);
        } else {
            s.value = value;
        }
    }

    /** Removes one series if present. */
    void remove(Tags tags) {
        Series s = series.remove(tags);
        if (s != null) {
            registry.remove(s.gauge);
        }
    }

    /** Makes the family exactly {@code rows}: new series registered, others updated, the rest removed. */
    void replaceAll(Map<Tags, ? extends Number> rows) {
        for (Iterator<Map.Entry<Tags, Series>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, Series> e = it.next();
            if (!rows.containsKey(e.getKey())) {
                registry.remove(e.getValue().gauge);
                it.remove();
            }
        }
        rows.forEach((tags, v) -> set(tags, v.doubleValue()));
    }

    int size() {
        return series.size();
    }
}
