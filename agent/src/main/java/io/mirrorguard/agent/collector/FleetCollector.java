package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Audits every configured instance, in parallel up to a limit, into one {@link FleetSnapshot} (instances in
 * configuration order, declared links from the topology). Holds one {@link InstanceCollector} (and so one
 * connection) per instance across runs.
 */
public final class FleetCollector implements AutoCloseable {

    private final Map<String, InstanceCollector> collectors = new LinkedHashMap<>();
    private final List<DeclaredLink> declaredLinks;
    private final Clock clock;

    public FleetCollector(AgentConfig config) {
        this(config.instances(), config.topology().links(), InstanceCollector::new, Clock.systemUTC());
    }

    public FleetCollector(List<InstanceConfig> instances, List<DeclaredLink> declaredLinks,
                          Function<InstanceConfig, InstanceCollector> factory, Clock clock) {
        for (InstanceConfig i : instances) {
            collectors.put(key(i.name()), factory.apply(i));
        }
        this.declaredLinks = List.copyOf(declaredLinks);
        this.clock = clock;
    }

    public List<String> instanceNames() {
        return collectors.values().stream().map(InstanceCollector::name).toList();
    }

    /** The collector of one instance (for its counters); IllegalArgumentException when not configured. */
    public InstanceCollector collector(String instanceName) {
        InstanceCollector c = collectors.get(key(instanceName));
        if (c == null) {
            throw new IllegalArgumentException("no configured instance named " + instanceName);
        }
        return c;
    }

    public InstanceFacts collect(String instanceName) {
        return collector(instanceName).collect();
    }

    /**
     * Collects every instance, at most {@code concurrency} at a time. Interrupting the calling thread cancels
     * the running collects; instances not collected then are reported as ERROR.
     */
    public FleetSnapshot collectAll(int concurrency) {
        List<InstanceCollector> all = new ArrayList<>(collectors.values());
        List<InstanceFacts> facts = new ArrayList<>(all.size());
        if (all.isEmpty()) {
            return new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, clock.instant(), facts, declaredLinks);
        }
        int threads = Math.max(1, Math.min(concurrency, all.size()));
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mirrorguard-collect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<InstanceFacts>> futures = new ArrayList<>();
            for (InstanceCollector c : all) {
                futures.add(pool.submit(c::collect));
            }
            boolean interrupted = false;
            for (int i = 0; i < all.size(); i++) {
                InstanceCollector c = all.get(i);
                if (interrupted) {
                    futures.get(i).cancel(false);
                    facts.add(notCollected(c, "collection interrupted"));
                    continue;
                }
                try {
                    facts.add(futures.get(i).get());
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                    facts.add(notCollected(c, "collection interrupted"));
                } catch (ExecutionException e) {
                    facts.add(notCollected(c, "collector failed: " + e.getCause()));
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            pool.shutdownNow();
        }
        return new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, clock.instant(), facts, declaredLinks);
    }

    private InstanceFacts notCollected(InstanceCollector c, String reason) {
        return InstanceFacts.unreadable(c.target(),
                new Collection(clock.instant(), 0, CollectionFailure.ERROR, reason, 0));
    }

    /** Cancels every running collect (for shutdown). */
    public void cancel() {
        collectors.values().forEach(InstanceCollector::cancel);
    }

    @Override
    public void close() {
        collectors.values().forEach(InstanceCollector::close);
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
