package io.mirrorguard.agent.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times: UTC, to the minute, plus a relative age for the reader in a hurry. */
final class Formats {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    static String time(Instant t) {
        return t == null ? "never" : UTC.format(t);
    }

    static String age(Instant t, Instant now) {
        if (t == null) {
            return "never";
        }
        Duration d = Duration.between(t, now);
        boolean future = d.isNegative();
        d = d.abs();
        String s = d.toDays() > 1 ? d.toDays() + " days" : d.toHours() > 1 ? d.toHours() + " h"
                : d.toMinutes() > 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
        return future ? "in " + s : s + " ago";
    }
}
