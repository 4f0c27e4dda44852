package io.mirrorguard.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scenarios packaged in the simulator jar, as listed in {@code scenarios/index.txt} (a jar cannot be listed
 * portably). Files starting with {@code _} are includes, not scenarios, and are not listed.
 */
public final class ShippedScenarios {
    private ShippedScenarios() {}

    /** File names such as {@code drift-endpoint-stopped.sql}, in index order. */
    public static List<String> names() {
        try (InputStream in = ShippedScenarios.class.getClassLoader().getResourceAsStream("scenarios/index.txt")) {
            if (in == null) throw new IllegalStateException("scenarios/index.txt is missing from the simulator jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source for a shipped scenario, by file name ({@code .sql} optional). */
    public static ScenarioSource source(String fileName) {
        return ScenarioSource.of(ScenarioSource.CLASSPATH_PREFIX + fileName);
    }
}
