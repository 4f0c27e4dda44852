package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.engine.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The recording part: runs and their findings into the store (when one is kept), retention at most hourly, and the
 * listeners told of every completed audit. A store or listener failure is logged and never fails the audit.
 */
final class AuditRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

    private final AuditStore store;
    private final Clock clock;
    private final Duration retention;
    private final List<Consumer<AuditRun>> listeners = new CopyOnWriteArrayList<>();
    private Instant lastRetention = Instant.EPOCH;

    /** @param store null to keep no history */
    AuditRecorder(AuditStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    Optional<AuditStore> store() {
        return Optional.ofNullable(store);
    }

    void started(AuditRun run) {
        if (store == null) {
            return;
        }
        try {
            store.recordStarted(run);
        } catch (RuntimeException e) {
            LOG.warn("audit {}: not recorded as started: {}", run.id(), e.getMessage());
        }
    }

    /** @param resolvable instances read completely, whose open findings not seen again are resolved */
    synchronized void finished(AuditRun done, List<Finding> findings, Set<String> resolvable) {
        if (store == null) {
            return;
        }
        try {
            store.recordFinished(done, findings, resolvable);
            Instant now = clock.instant();
            if (Duration.between(lastRetention, now).compareTo(Duration.ofHours(1)) >= 0) {
                lastRetention = now;
                int deleted = store.applyRetention(retention, now);
                if (deleted > 0) {
                    LOG.info("retention: deleted {} audit runs older than {} days", deleted, retention.toDays());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("audit {}: not stored: {}", done.id(), e.getMessage());
        }
    }

    void addListener(Consumer<AuditRun> listener) {
        listeners.add(listener);
    }

    /** Tells every listener, on the calling thread; a failing listener is logged and the others still run. */
    void notifyListeners(AuditRun done) {
        for (var l : listeners) {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.error("after audit {}: listener failed", done.id(), e);
            }
        }
    }

    Optional<AuditRun> run(String id) {
        return store == null ? Optional.empty() : store.run(id);
    }
}
