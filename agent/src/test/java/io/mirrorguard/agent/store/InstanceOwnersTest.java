package io.mirrorguard.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rendezvous assignment of instances to agents: the same everywhere, one owner per instance, and a membership
 * change moves only what it must. Fixed instance and agent names, so every bound below is about one known assignment
 * (nothing random, nothing that can be flaky).
 */
class InstanceOwnersTest {

    private static final List<String> INSTANCES = IntStream.range(0, 3000).mapToObj(i -> "SQL" + i).toList();
    private static final List<String> AGENTS = List.of("agent-a", "agent-b", "agent-c", "agent-d");

    @Test
    void every_instance_has_exactly_one_owner_among_the_agents_whatever_their_order() {
        Map<String, String> owners = new InstanceOwners(AGENTS).assign(INSTANCES);
        assertThat(owners).hasSize(INSTANCES.size());
        assertThat(Set.copyOf(owners.values())).isEqualTo(Set.copyOf(AGENTS));
        // another agent reads the check-in rows in another order (and twice): same assignment
        List<String> shuffled = new ArrayList<>(AGENTS);
        java.util.Collections.reverse(shuffled);
        shuffled.add("agent-b");
        assertThat(new InstanceOwners(shuffled).assign(INSTANCES)).isEqualTo(owners);
        // ownedBy partitions the instances
        int total = 0;
        for (String agent : AGENTS) {
            Set<String> mine = new InstanceOwners(AGENTS).ownedBy(agent, INSTANCES);
            mine.forEach(i -> assertThat(owners.get(i)).isEqualTo(agent));
            total += mine.size();
        }
        assertThat(total).isEqualTo(INSTANCES.size());
    }

    @Test
    void the_weights_are_a_fixed_function_of_the_names() {
        // pinned values, computed outside Java (FNV-1a 64 + fmix64 in a few lines of Python): an agent of another
        // build or JVM computes the same owners (no String.hashCode, no per-process seed)
        assertThat(InstanceOwners.weight("SQLA", "agent-a")).isEqualTo(-7683677207849778818L);
        assertThat(new InstanceOwners(AGENTS).assign(List.of("SQLA", "SQLB", "SQLW", "SQL0", "SQL1")))
                .containsExactly(Map.entry("SQLA", "agent-d"), Map.entry("SQLB", "agent-a"),
                        Map.entry("SQLW", "agent-a"), Map.entry("SQL0", "agent-b"), Map.entry("SQL1", "agent-c"));
        // the name boundary counts: ("ab", "c") is not ("a", "bc")
        assertThat(InstanceOwners.weight("ab", "c")).isNotEqualTo(InstanceOwners.weight("a", "bc"));
    }

    @Test
    void when_an_agent_leaves_only_its_instances_move_and_they_spread_over_the_others() {
        Map<String, String> before = new InstanceOwners(AGENTS).assign(INSTANCES);
        Map<String, String> after = new InstanceOwners(List.of("agent-a", "agent-b", "agent-d")).assign(INSTANCES);
        Map<String, Integer> received = new HashMap<>();
        for (String instance : INSTANCES) {
            if (before.get(instance).equals("agent-c")) {
                assertThat(after.get(instance)).isNotEqualTo("agent-c");
                received.merge(after.get(instance), 1, Integer::sum);
            } else {
                assertThat(after.get(instance)).as(instance).isEqualTo(before.get(instance));
            }
        }
        // agent-c's ~750 instances go to all three others, not to one
        assertThat(received).containsOnlyKeys("agent-a", "agent-b", "agent-d");
        assertThat(received.values()).allSatisfy(n -> assertThat(n).isGreaterThan(150));
    }

    @Test
    void when_an_agent_joins_it_takes_instances_only_for_itself() {
        Map<String, String> before = new InstanceOwners(List.of("agent-a", "agent-b", "agent-c")).assign(INSTANCES);
        Map<String, String> after = new InstanceOwners(AGENTS).assign(INSTANCES);
        int moved = 0;
        for (String instance : INSTANCES) {
            if (!after.get(instance).equals(before.get(instance))) {
                assertThat(after.get(instance)).isEqualTo("agent-d");
                moved++;
            }
        }
        // about 1/4 of 3,000 move (750); the bounds hold for these fixed names, and are far from 0 and from all
        assertThat(moved).isBetween(600, 900);
    }

    @Test
    void the_instances_are_spread_about_evenly() {
        Map<String, Integer> counts = new HashMap<>();
        new InstanceOwners(AGENTS).assign(INSTANCES).values().forEach(a -> counts.merge(a, 1, Integer::sum));
        // 750 each on average; a fixed assignment, so these bounds are exact facts, not a probability
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(600, 900));
    }

    @Test
    void no_agent_no_owner_and_one_agent_owns_everything() {
        assertThat(new InstanceOwners(List.of()).ownerOf("SQLA")).isNull();
        assertThat(new InstanceOwners(List.of()).assign(INSTANCES)).isEmpty();
        assertThat(Set.copyOf(new InstanceOwners(List.of("agent-a")).assign(INSTANCES).values()))
                .containsExactly("agent-a");
    }
}
