package io.mirrorguard.agent.collector;

/**
 * One copy of each text value of the collected facts. A fleet's instances repeat the same catalog values (type
 * codes, state descriptions, fixed principals and their SIDs, the peers' certificates on every partner): without
 * this, a quarter of the daemon's live heap at 1,000 instances was copies of equal strings (docs/performance.md,
 * "Footprint"). The JVM's string table holds its entries weakly, so a value no snapshot references any more is
 * collected as before; its cost did not show in the collect's CPU (CollectBench, same simulator, A/B).
 */
final class Canonical {

    private Canonical() {}

    static String of(String s) {
        return s == null ? null : s.intern();
    }
}
