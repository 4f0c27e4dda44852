package io.mirrorguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingTest {

    @Test
    void a_short_list_is_shown_whole() {
        assertThat(Listing.brief(List.of())).isEqualTo("[]");
        assertThat(Listing.brief(List.of("a", "b", "c", "d", "e"))).isEqualTo("[a, b, c, d, e]");
    }

    @Test
    void a_long_list_shows_its_first_items_and_counts_the_rest() {
        assertThat(Listing.brief(List.of("a", "b", "c", "d", "e", "f"))).isEqualTo("[a, b, c, d, e and 1 more]");
        List<String> many = IntStream.range(0, 10_002).mapToObj(i -> "M" + i).toList();
        assertThat(Listing.brief(many)).isEqualTo("[M0, M1, M2, M3, M4 and 9,997 more]");
    }
}
