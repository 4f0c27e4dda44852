package io.mirrorguard.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shipped simulator scenario copied to a folder with every {@code :clock} moved by the same amount, so that its
 * last clock is a given instant. Prometheus evaluates alerts against its own wall clock (time()), so a scenario
 * written for "2026-12-12, certificates expire in 20 days" must be re-anchored to today for those 20 days to show.
 * Scenarios without {@code :clock} are copied unchanged (they run on the real clock already).
 */
final class AnchoredScenario {
    private static final Pattern CLOCK = Pattern.compile("(?m)^:clock\\s+(\\S+)\\s*$");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^:r\\s+(\\S+)\\s*$");

    private AnchoredScenario() {
    }

    /**
     * Writes scenarios/NAME.sql of the simulator jar, and the files it includes with {@code :r}, to {@code dir}.
     *
     * @return the path of the copied scenario
     */
    static Path write(String name, Instant lastClock, Path dir) {
        String text = resource(name);
        List<Instant> clocks = new ArrayList<>();
        Matcher m = CLOCK.matcher(text);
        while (m.find()) {
            try {
                clocks.add(Instant.parse(m.group(1)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("scenario " + name + ": :clock " + m.group(1)
                        + " is not an ISO instant", e);
            }
        }
        String anchored = text;
        if (!clocks.isEmpty()) {
            Duration shift = Duration.between(clocks.get(clocks.size() - 1), lastClock);
            anchored = CLOCK.matcher(text).replaceAll(r -> ":clock " + Instant.parse(r.group(1)).plus(shift));
        }
        try {
            Files.createDirectories(dir);
            Matcher include = INCLUDE.matcher(text);
            while (include.find()) {
                String included = include.group(1);
                String body = resource(included.replaceFirst("\\.sql$", ""));
                if (CLOCK.matcher(body).find() || INCLUDE.matcher(body).find()) {
                    throw new IllegalArgumentException("scenario " + name + " includes " + included
                            + ", which has its own :clock or :r; anchoring only handles one level");
                }
                Files.writeString(dir.resolve(included), body, StandardCharsets.UTF_8);
            }
            Path out = dir.resolve(name + ".sql");
            Files.writeString(out, anchored, StandardCharsets.UTF_8);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scenario " + name + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        String path = "scenarios/" + name + ".sql";
        try (InputStream in = AnchoredScenario.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no simulator scenario " + path + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
