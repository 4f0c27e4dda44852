package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.model.InstanceFacts;

/**
 * Reads one instance's facts. The daemon's seam to the collector package: never returns null, reports an
 * unreachable instance as {@link InstanceFacts#unreadable} facts, and stops promptly when its thread is interrupted.
 */
@FunctionalInterface
public interface Collector {
    InstanceFacts collect(String instance) throws InterruptedException;

    /**
     * Aborts a running {@link #collect} of the instance (timeout or shutdown), for collectors that block in I/O an
     * interrupt does not reach, e.g. a JDBC statement.
     */
    default void cancel(String instance) {
    }
}
