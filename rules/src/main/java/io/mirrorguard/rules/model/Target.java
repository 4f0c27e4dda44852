package io.mirrorguard.rules.model;

import java.util.List;
import java.util.Map;

/**
 * How the fleet configuration names and reaches an instance. Not read from the server: it is what address
 * matching uses before any fact is known.
 *
 * @param aliases host patterns (glob on the host part of a TCP:// address, e.g. {@code SQLA.*}) that mean this instance
 */
public record Target(String name, String host, Integer port, List<String> aliases, Map<String, String> tags) {
    public Target {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static Target named(String name) {
        return new Target(name, name, null, List.of(), Map.of());
    }
}
