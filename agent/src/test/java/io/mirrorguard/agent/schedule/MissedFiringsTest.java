package io.mirrorguard.agent.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class MissedFiringsTest {
    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }

    @Test
    void the_periods_lost_are_the_firings_missed_less_the_one_that_runs_late() throws Exception {
        CronExpression every5min = new CronExpression("0 */5 * * * ?");
        every5min.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        Date missed = at("2026-12-05T10:00:00Z");
        assertThat(MissedFirings.lostPeriods(every5min, missed, at("2026-12-05T10:00:07Z")))
                .as("late within the period: nothing lost").isZero();
        assertThat(MissedFirings.lostPeriods(every5min, missed, at("2026-12-05T10:04:59Z"))).isZero();
        assertThat(MissedFirings.lostPeriods(every5min, missed, at("2026-12-05T10:05:00Z")))
                .as("10:00 lost, 10:05 runs now").isEqualTo(1);
        assertThat(MissedFirings.lostPeriods(every5min, missed, at("2026-12-05T11:02:00Z")))
                .as("10:00 .. 10:55 lost, 11:00 runs now").isEqualTo(12);
    }

    @Test
    void counting_stops_at_a_bound() throws Exception {
        CronExpression everySecond = new CronExpression("* * * * * ?");
        Date missed = at("2026-12-01T00:00:00Z");
        assertThat(MissedFirings.lostPeriods(everySecond, missed, at("2026-12-05T00:00:00Z")))
                .isEqualTo(MissedFirings.MAX_COUNTED);
    }
}
