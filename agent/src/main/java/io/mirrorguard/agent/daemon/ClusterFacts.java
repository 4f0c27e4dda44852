package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.metrics.OwnedInstances;
import io.mirrorguard.agent.metrics.SharedCollection;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.ClusterAgents;
import io.mirrorguard.agent.store.CollectedFacts;
import io.mirrorguard.agent.store.InstanceAuditLocks;
import io.mirrorguard.agent.store.InstanceOwners;
import io.mirrorguard.agent.store.StoreException;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the audit service does differently when agents share a store (storage.url): an instance is collected by one
 * agent at a time (its cluster-wide audit lock), what an agent collects is stored for the others, every fleet
 * evaluation takes each instance's newest facts, whichever agent collected them, and exports the metrics of the
 * instances the alive agents' assignment gives this agent. Without a shared store all three
 * are no-ops, and the service works on its own memory as before. A database that cannot be reached degrades to the
 * same: audits go on with this agent's own facts, and say so in the log.
 */
final class ClusterFacts {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFacts.class);
    /** Reason of the facts that only say another agent held the lock: this agent's own view, never shared. */
    static final String BUSY = "another agent is auditing this instance";

    @FunctionalInterface
    interface Work<T> {
        T run() throws InterruptedException;
    }

    private final AuditStore store;
    private final InstanceAuditLocks locks;
    private final Clock clock;
    private final String agentId;
    private final ClusterAgents agents;
    /** The store's facts as last read: evaluated again while the store cannot be read. */
    private Map<String, CollectedFacts> lastRead = Map.of();
    /** The assignment of the last alive agents read: kept while they cannot be read (no one before the first read). */
    private InstanceOwners owners = new InstanceOwners(Set.of());
    /** What the last {@link #newest} read, for {@link #changedSinceNewest()} (another thread polls). */
    private volatile Set<String> lastAlive;
    private volatile long evaluatedRevision = -1;

    private ClusterFacts(AuditStore store, InstanceAuditLocks locks, Clock clock) {
        this.store = store;
        this.locks = locks;
        this.clock = clock;
        this.agentId = store == null ? null : store.agentId().orElseThrow();
        this.agents = store == null ? null : new ClusterAgents(store.sharedDatabase().orElseThrow());
    }

    static ClusterFacts of(AuditStore store, Clock clock) {
        boolean shared = store != null && store.isShared();
        return new ClusterFacts(shared ? store : null,
                shared ? new InstanceAuditLocks(store.sharedDatabase().orElseThrow()) : null, clock);
    }

    /**
     * Runs {@code collect} holding the instance's cluster-wide lock. Another agent's collection is bounded by the
     * instance's timeout, so waiting twice that and still not getting the lock means something is stuck: the
     * caller gets {@code busy} facts (ERROR) instead of a second concurrent collection.
     */
    <T> T exclusively(InstanceSpec spec, Work<T> collect, Function<InstanceFacts, T> busy)
            throws InterruptedException {
        if (locks == null) {
            return collect.run();
        }
        Instant asked = clock.instant();
        Optional<InstanceAuditLocks.Held> held;
        try {
            held = locks.acquire(spec.name(), spec.timeout().multipliedBy(2));
        } catch (StoreException e) {
            LOG.warn("audit of {} without its cluster lock: {}", spec.name(), e.getMessage());
            return collect.run();
        }
        if (held.isEmpty()) {
            long waited = Duration.between(asked, clock.instant()).toMillis();
            return busy.apply(InstanceFacts.unreadable(spec.target(),
                    Collection.failed(asked, waited, CollectionFailure.ERROR, BUSY)));
        }
        try (InstanceAuditLocks.Held h = held.get()) {
            return collect.run();
        }
    }

    /** Stores what this agent collected for the other agents (a failed store write is logged, not fatal). */
    void share(InstanceFacts facts) {
        if (store == null || BUSY.equals(facts.collection().reason())) {
            return;
        }
        try {
            store.saveFacts(facts);
        } catch (StoreException e) {
            LOG.warn("facts of {} not shared: {}", facts.target().name(), e.getMessage());
        }
    }

    /**
     * The facts an evaluation runs on, and which of their instances this agent owns: those the alive agents'
     * assignment ({@link InstanceOwners}) gives it, with their newest collection from the shared facts. Only the
     * owner exports an instance's per-instance metrics, so agents scraped together show each series once; an agent
     * on its own owns everything.
     */
    record Newest(Map<String, InstanceFacts> facts, OwnedInstances owns) {}

    /**
     * For each configured instance, the newer of this agent's facts and the shared store's (by collection start).
     * While the store cannot be read the evaluation has this agent's facts only; while the alive agents cannot be
     * read the last assignment stays (none before the first read), so agents never all start exporting everything.
     *
     * @param local this agent's latest facts by configured name (absent when it has none)
     */
    Newest newest(Iterable<String> names, Map<String, InstanceFacts> local) {
        if (store == null) {
            return new Newest(local, OwnedInstances.all());
        }
        long revision;
        try {
            // before the facts: a write after this read is a change the next poll sees
            revision = store.factsRevision();
        } catch (StoreException e) {
            revision = -1;
        }
        Map<String, CollectedFacts> shared;
        boolean read;
        try {
            shared = store.latestFacts();
            lastRead = shared;
            read = true;
        } catch (StoreException e) {
            LOG.warn("evaluating with this agent's facts only: {}", e.getMessage());
            shared = lastRead;
            read = false;
            revision = -1;
        }
        try {
            Set<String> alive = agents.aliveIds(clock.instant());
            if (!alive.equals(lastAlive)) {
                LOG.info("per-instance metrics shared among the alive agents {}", alive);
            }
            owners = new InstanceOwners(alive);
            lastAlive = alive;
        } catch (StoreException e) {
            LOG.warn("metrics exported for the instances of the last agent list {}: {}", owners.agents(),
                    e.getMessage());
        }
        evaluatedRevision = revision;
        Map<String, InstanceFacts> out = new LinkedHashMap<>();
        Set<String> owned = new HashSet<>();
        Map<String, SharedCollection> collections = new LinkedHashMap<>();
        for (String name : names) {
            InstanceFacts mine = local.get(name);
            CollectedFacts stored = shared.get(name);
            InstanceFacts theirs = stored == null ? null : stored.facts();
            boolean mineBusy = mine != null && BUSY.equals(mine.collection().reason());
            boolean theirsNewer = theirs != null && (mine == null || mineBusy
                    || theirs.collection().startedAt().isAfter(mine.collection().startedAt()));
            InstanceFacts newest = read && theirsNewer ? theirs : mine;
            if (newest != null) {
                out.put(name, newest);
            }
            if (!agentId.equals(owners.ownerOf(name))) {
                continue;
            }
            owned.add(name);
            if (newest != null && !BUSY.equals(newest.collection().reason())) {
                collections.put(name, collection(newest, stored, mineBusy ? null : mine));
            }
        }
        return new Newest(out, OwnedInstances.inCluster(owned, collections));
    }

    /**
     * Whether an evaluation now could export something else than the last one: another agent stored facts, or the
     * alive agents changed. False while nothing is shared yet (no evaluation of an unaudited fleet) and while the
     * database cannot be read.
     */
    boolean changedSinceNewest() {
        if (store == null) {
            return false;
        }
        try {
            long revision = store.factsRevision();
            return revision > 0 && (revision != evaluatedRevision
                    || !agents.aliveIds(clock.instant()).equals(lastAlive));
        } catch (StoreException e) {
            LOG.debug("no re-evaluation: {}", e.getMessage());
            return false;
        }
    }

    /**
     * The collection series of an owned instance: its newest facts', and the last success any agent's collection
     * had (the store's, or this agent's own if that is later, e.g. its write to the store failed).
     */
    private static SharedCollection collection(InstanceFacts newest, CollectedFacts stored, InstanceFacts mine) {
        Instant success = stored == null ? null : stored.lastSuccessAt();
        if (mine != null && mine.readCompletely()) {
            Instant mineEnded = mine.collection().startedAt().plusMillis(mine.collection().durationMillis());
            success = success == null || mineEnded.isAfter(success) ? mineEnded : success;
        }
        return new SharedCollection(newest.readCompletely(), newest.collection().durationMillis() / 1000.0, success);
    }
}
