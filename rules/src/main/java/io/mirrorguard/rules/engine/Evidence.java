package io.mirrorguard.rules.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * What was observed against what was expected, plus named facts that support it (thumbprints, ids, states).
 * Never carries secrets.
 */
public record Evidence(String observed, String expected, Map<String, String> facts) {
    public Evidence {
        facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public static Evidence of(String observed, String expected) {
        return new Evidence(observed, expected, Map.of());
    }

    public Evidence with(String key, Object value) {
        var copy = new TreeMap<>(facts);
        copy.put(key, String.valueOf(value));
        return new Evidence(observed, expected, copy);
    }
}
