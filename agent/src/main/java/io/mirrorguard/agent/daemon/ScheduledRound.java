package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.schedule.RoundAuditor;
import io.mirrorguard.agent.schedule.SkipReason;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scheduled round as one audit run: each instance's part is collected by the scheduler's job for it, and when
 * the last part is audited or skipped the round is evaluated and stored once ({@link AuditService#evaluateAndRecord}).
 * Skipped instances are named in the run's detail and keep their findings open (they were not read).
 */
final class ScheduledRound implements RoundAuditor.Round {
    private enum Part { PENDING, RUNNING, AUDITED, SKIPPED }

    private final AuditService service;
    private final AuditRun run;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> readable = new HashSet<>();
    private final Set<String> audited = new LinkedHashSet<>();
    private int open;
    /** An audit was interrupted (shutdown): the run is left RUNNING, marked INTERRUPTED at the next start-up. */
    private boolean abandoned;

    ScheduledRound(AuditService service, AuditRun run) {
        this.service = service;
        this.run = run;
        run.instances().forEach(name -> parts.put(name, Part.PENDING));
        open = parts.size();
    }

    @Override
    public String id() {
        return run.id();
    }

    @Override
    public boolean audit(String instance) throws InterruptedException {
        synchronized (this) {
            if (parts.get(instance) != Part.PENDING) {
                return false;
            }
            parts.put(instance, Part.RUNNING);
        }
        LatestFacts.Accepted accepted;
        boolean collected = true;
        try {
            accepted = service.collectInto(run, instance);
        } catch (InterruptedException e) {
            synchronized (this) {
                abandoned = true;
                parts.put(instance, Part.AUDITED);
                open--;
            }
            throw e;
        } catch (RuntimeException e) {
            // not read: named in the run's detail like any failed collection, and the round still closes
            accepted = new LatestFacts.Accepted(List.of(instance + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), Set.of());
            collected = false;
        }
        boolean last;
        synchronized (this) {
            parts.put(instance, Part.AUDITED);
            if (collected) {
                audited.add(instance);
            }
            problems.addAll(accepted.problems());
            readable.addAll(accepted.readable());
            last = --open == 0;
        }
        if (last) {
            close();
        }
        return true;
    }

    @Override
    public synchronized List<String> pending() {
        return parts.entrySet().stream().filter(e -> e.getValue() == Part.PENDING).map(Map.Entry::getKey).toList();
    }

    @Override
    public void skip(Collection<String> instances, SkipReason reason) {
        List<String> skipped = new ArrayList<>();
        boolean last;
        synchronized (this) {
            for (String name : instances) {
                if (parts.get(name) == Part.PENDING) {
                    parts.put(name, Part.SKIPPED);
                    problems.add(name + ": not audited this period (" + reason.label() + ")");
                    skipped.add(name);
                }
            }
            open -= skipped.size();
            last = !skipped.isEmpty() && open == 0;
        }
        if (!skipped.isEmpty()) {
            service.skipped(skipped, reason, 1);
        }
        if (last) {
            try {
                close();
            } catch (InterruptedException e) {
                // shutting down: the run stays RUNNING and is marked INTERRUPTED at the next start-up
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean finished() {
        return open == 0;
    }

    private void close() throws InterruptedException {
        Set<String> done;
        LatestFacts.Accepted accepted;
        synchronized (this) {
            if (abandoned) {
                return;
            }
            done = Set.copyOf(audited);
            accepted = new LatestFacts.Accepted(List.copyOf(problems), Set.copyOf(readable));
        }
        service.evaluateAndRecord(run, done, accepted);
    }
}
