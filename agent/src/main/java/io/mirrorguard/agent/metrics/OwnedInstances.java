package io.mirrorguard.agent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The instances whose per-instance series an evaluation's metrics export, and where their collection series come
 * from. An agent on its own owns every instance and exports its own collections; an agent of a cluster owns the
 * instances assigned to it (store.InstanceOwners) and exports their newest collection from the shared facts, so the
 * series do not depend on which agent happened to audit the instance.
 */
public final class OwnedInstances {

    private static final OwnedInstances ALL = new OwnedInstances(instance -> true, null);

    private final Predicate<String> owns;
    private final Map<String, SharedCollection> collections;

    private OwnedInstances(Predicate<String> owns, Map<String, SharedCollection> collections) {
        this.owns = owns;
        this.collections = collections;
    }

    /** An agent on its own: every instance, collection series from this agent's collections. */
    public static OwnedInstances all() {
        return ALL;
    }

    /**
     * An agent of a cluster.
     *
     * @param owned       the instances assigned to this agent
     * @param collections the newest collection of each owned instance that any agent collected (absent: none yet)
     */
    public static OwnedInstances inCluster(Set<String> owned, Map<String, SharedCollection> collections) {
        Set<String> copy = Set.copyOf(owned);
        // in the order given (configuration order): the order of the exported series
        return new OwnedInstances(copy::contains, Collections.unmodifiableMap(new LinkedHashMap<>(collections)));
    }

    public boolean owns(String instance) {
        return owns.test(instance);
    }

    /** Null for an agent on its own (it exports its own collections). */
    Map<String, SharedCollection> sharedCollections() {
        return collections;
    }
}
