package io.mirrorguard.agent.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly time window in which remediation may change servers. A window whose end is not after its start runs
 * past midnight; {@code days} are the days it starts on (empty: every day).
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public MaintenanceWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
    }

    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        LocalTime time = t.toLocalTime();
        if (start.isBefore(end)) {
            return startsOn(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // Past midnight: the late part belongs to today's window, the early part to yesterday's.
        return (startsOn(t.getDayOfWeek()) && !time.isBefore(start))
                || (startsOn(t.getDayOfWeek().minus(1)) && time.isBefore(end));
    }

    private boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }
}
