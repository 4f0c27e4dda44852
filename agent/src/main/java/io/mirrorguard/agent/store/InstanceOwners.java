package io.mirrorguard.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which agent of a cluster exports each instance's per-instance metrics: rendezvous (highest-random-weight) hashing
 * of (instance, agent) over the alive agents. Every agent computes the same owners from the same agent list, with no
 * coordination, and the owners change only when the list does: an agent that leaves hands each of its instances to
 * the agent with the next-highest weight for it, and an agent that joins takes from each other agent about 1/n of
 * its instances — everything else stays put (docs/monitoring.md "Several agents").
 *
 * <p>The weight is a fixed function of the two names (FNV-1a over their UTF-8 bytes, then a 64-bit mixer), not
 * {@link String#hashCode()} or anything seeded per JVM, so agents of different builds and restarts agree.
 */
public final class InstanceOwners {

    private final List<String> agents;

    /** @param aliveAgents the agents to share the instances among (order and duplicates do not matter) */
    public InstanceOwners(Collection<String> aliveAgents) {
        this.agents = List.copyOf(new TreeSet<>(aliveAgents));
    }

    /** The agents the instances are shared among, sorted. */
    public List<String> agents() {
        return agents;
    }

    /** The owner of {@code instance}, or null when there is no agent to own it. */
    public String ownerOf(String instance) {
        String best = null;
        long bestWeight = 0;
        for (String agent : agents) {
            long w = weight(instance, agent);
            // agents are sorted, so a tie (same weight) goes to the smallest id on every agent alike
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0) {
                best = agent;
                bestWeight = w;
            }
        }
        return best;
    }

    /** Owner of every instance, in the order given (instances with no owner are left out). */
    public Map<String, String> assign(Collection<String> instances) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String instance : instances) {
            String owner = ownerOf(instance);
            if (owner != null) {
                out.put(instance, owner);
            }
        }
        return out;
    }

    /** The instances among {@code instances} that {@code agent} owns. */
    public Set<String> ownedBy(String agent, Collection<String> instances) {
        Set<String> out = new TreeSet<>();
        for (String instance : instances) {
            if (agent.equals(ownerOf(instance))) {
                out.add(instance);
            }
        }
        return out;
    }

    /** The weight of (instance, agent): FNV-1a 64 of "instance NUL agent", finished with MurmurHash3's fmix64. */
    static long weight(String instance, String agent) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, instance.getBytes(StandardCharsets.UTF_8));
        h = fnv(h, new byte[] {0}); // so ("ab", "c") and ("a", "bc") differ
        h = fnv(h, agent.getBytes(StandardCharsets.UTF_8));
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
