package io.mirrorguard.agent.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerOffsetsTest {
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private static List<String> fleet(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("M%04dA", i)).toList();
    }

    @Test
    void an_instance_has_the_same_offset_every_time_and_it_lies_in_the_window() {
        for (String name : fleet(1_000)) {
            Duration offset = TriggerOffsets.offset(name, WINDOW);
            assertThat(offset).isEqualTo(TriggerOffsets.offset(name, WINDOW))
                    .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(WINDOW);
        }
        assertThat(TriggerOffsets.offset("SQLA", Duration.ZERO)).isZero();
        assertThat(TriggerOffsets.offset("SQLA", Duration.ofMillis(1))).isZero();
    }

    @Test
    void similar_names_are_spread_over_the_whole_window() {
        // 1,000 names differing in a digit or two: each tenth of the window gets close to a tenth of them
        int[] tenths = new int[10];
        Set<Long> distinct = new HashSet<>();
        for (String name : fleet(1_000)) {
            long ms = TriggerOffsets.offset(name, WINDOW).toMillis();
            tenths[(int) (ms * 10 / WINDOW.toMillis())]++;
            distinct.add(ms);
        }
        assertThat(java.util.Arrays.stream(tenths).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
        assertThat(distinct).as("distinct start times").hasSizeGreaterThan(950);
    }

    @Test
    void the_window_is_the_jitter_but_at_most_half_the_period() {
        assertThat(TriggerOffsets.window(Duration.ofSeconds(30), Duration.ofMinutes(5))).isEqualTo(WINDOW);
        assertThat(TriggerOffsets.window(Duration.ofSeconds(30), Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(1500));
        assertThat(TriggerOffsets.window(Duration.ZERO, Duration.ofSeconds(3))).isZero();
        assertThat(TriggerOffsets.window(Duration.ofSeconds(30), Duration.ZERO)).isZero();
    }
}
