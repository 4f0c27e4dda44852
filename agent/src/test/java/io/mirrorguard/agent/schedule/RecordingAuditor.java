package io.mirrorguard.agent.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A round auditor for scheduler tests: runs {@code work} per part, counts audits and skipped periods. */
final class RecordingAuditor implements RoundAuditor {
    interface Work {
        void run(String instance) throws InterruptedException;
    }

    final AtomicInteger audits = new AtomicInteger();
    final Map<String, Integer> skipped = new ConcurrentHashMap<>();
    private final Work work;
    private final AtomicInteger ids = new AtomicInteger();

    RecordingAuditor(Work work) {
        this.work = work;
    }

    @Override
    public Round begin(boolean startup, Instant scheduledAt, List<String> instances) {
        String id = Integer.toString(ids.incrementAndGet());
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(instances);
        return new Round() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean audit(String instance) throws InterruptedException {
                if (!pending.remove(instance)) {
                    return false;
                }
                work.run(instance);
                audits.incrementAndGet();
                return true;
            }

            @Override
            public List<String> pending() {
                return List.copyOf(new HashSet<>(pending));
            }

            @Override
            public void skip(Collection<String> names, SkipReason reason) {
                List<String> now = names.stream().filter(pending::remove).toList();
                skipped(now, reason, 1);
            }

            @Override
            public boolean finished() {
                return pending.isEmpty();
            }
        };
    }

    @Override
    public void skipped(Collection<String> instances, SkipReason reason, int periods) {
        instances.forEach(i -> skipped.merge(i, periods, Integer::sum));
    }
}
