package io.mirrorguard.rules.model;

/**
 * One copy of each text value of the facts, wherever facts are built (the agent's collector, the snapshot reader
 * a cluster's agents use). A fleet's instances repeat the same catalog values (type codes, state descriptions, fixed
 * principals and their SIDs, the peers' certificates on every partner): without this, a quarter of the daemon's live
 * heap at 1,000 instances was copies of equal strings (docs/performance.md, "10,000-instance round, again"). The
 * JVM's string table holds its entries weakly, so a value no snapshot references any more is collected as before;
 * its cost did not show in the collect's CPU (CollectBench, same simulator, A/B).
 */
public final class SharedText {

    private SharedText() {}

    public static String of(String s) {
        return s == null ? null : s.intern();
    }
}
