package io.mirrorguard.agent.store;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.model.InstanceFacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit history: runs, the findings each run saw, and the lifecycle of every failing finding. By default in an
 * embedded H2 file database under the storage path: one connection, every write one transaction committed before
 * the method returns (WRITE_DELAY=0), so a run that was recorded survives the process being killed right after.
 * With {@code storage.url} in the PostgreSQL database a cluster of agents shares (schema by Flyway, see
 * {@link SharedDatabase}): the same tables, plus each instance's latest facts, so every agent evaluates the whole
 * fleet from what any agent collected.
 */
public final class AuditStore implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS audit_run (
              id VARCHAR(64) PRIMARY KEY,
              trigger_kind VARCHAR(16) NOT NULL,
              started_at BIGINT NOT NULL,
              finished_at BIGINT,
              instances VARCHAR(1000000) NOT NULL,
              outcome VARCHAR(16) NOT NULL,
              detail VARCHAR(4000));
            ALTER TABLE audit_run ALTER COLUMN instances SET DATA TYPE VARCHAR(1000000);
            CREATE INDEX IF NOT EXISTS audit_run_started ON audit_run(started_at);
            CREATE TABLE IF NOT EXISTS audit_finding (
              run_id VARCHAR(64) NOT NULL,
              rule_id VARCHAR(200) NOT NULL,
              instance VARCHAR(256) NOT NULL,
              peer VARCHAR(256) NOT NULL,
              subject VARCHAR(1000) NOT NULL,
              outcome VARCHAR(16) NOT NULL,
              severity VARCHAR(16) NOT NULL,
              message VARCHAR(4000),
              waived BOOLEAN NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_finding_run ON audit_finding(run_id);
            CREATE TABLE IF NOT EXISTS finding_lifecycle (
              rule_id VARCHAR(200) NOT NULL,
              instance VARCHAR(256) NOT NULL,
              peer VARCHAR(256) NOT NULL,
              subject VARCHAR(1000) NOT NULL,
              severity VARCHAR(16) NOT NULL,
              message VARCHAR(4000),
              first_seen BIGINT NOT NULL,
              last_seen BIGINT NOT NULL,
              resolved_at BIGINT,
              PRIMARY KEY (rule_id, instance, peer, subject));
            """;

    private static final Logger LOG = LoggerFactory.getLogger(AuditStore.class);


    private final Path directory;
    /** H2's one connection; null when shared. */
    private final Connection connection;
    /** The cluster's database; null for H2. */
    private final SharedDatabase shared;
    private final String agentId;
    private final String where;
    private final SharedFacts facts;
    private List<FindingLifecycle> lastLifecycles = List.of();

    private AuditStore(Path directory, Connection connection, SharedDatabase shared, String agentId) {
        this.directory = directory;
        this.connection = connection;
        this.shared = shared;
        this.agentId = agentId;
        this.where = shared == null ? "storage.path " + directory : "storage.url " + shared.url();
        this.facts = shared == null ? null : new SharedFacts(agentId);
    }

    /** Opens (creating if needed) the database {@code mirrorguard} in {@code directory}. */
    public static AuditStore open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            // retry: H2's file system that reopens its channel when a writing thread is interrupted; audits run on
            // Quartz threads that shutdown and timeouts interrupt, and a plain FileChannel would close for good.
            String url = "jdbc:h2:retry:" + dir.resolve("mirrorguard") + ";WRITE_DELAY=0";
            Connection c = DriverManager.getConnection(url, "mirrorguard", "");
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            c.setAutoCommit(false);
            AuditStore store = new AuditStore(dir, c, null, null);
            store.markInterrupted(Instant.now());
            return store;
        } catch (Exception e) {
            throw new StoreException("storage.path " + dir + ": cannot open the audit database: " + e.getMessage(), e);
        }
    }

    /**
     * The store in a cluster's PostgreSQL database (already migrated). RUNNING runs of agents that no longer check
     * in are marked INTERRUPTED, as H2 marks its own at start.
     *
     * @param agentId this agent's identity (its Quartz instance id), recorded with its runs and facts
     */
    public static AuditStore shared(SharedDatabase database, String agentId) {
        AuditStore store = new AuditStore(null, null, database, agentId);
        store.markInterrupted(Instant.now());
        return store;
    }

    /** The H2 database's directory; null when the store is shared. */
    public Path directory() {
        return directory;
    }

    /** Whether agents share this store (PostgreSQL): facts are then exchanged through it. */
    public boolean isShared() {
        return shared != null;
    }

    /** This agent's identity in the cluster, when the store is shared. */
    public Optional<String> agentId() {
        return Optional.ofNullable(agentId);
    }

    /** The shared database, when there is one. */
    public Optional<SharedDatabase> sharedDatabase() {
        return Optional.ofNullable(shared);
    }

    /**
     * H2 lets one process at a time open the database, so a run still RUNNING when it opens belongs to a process that
     * stopped before finishing it (kill -9, crash, power loss): it can never finish, and must not read RUNNING forever.
     */
    private void markInterrupted(Instant now) {
        inTransaction(c -> {
            // shared: only runs of agents that are not checked in to the Quartz cluster (Quartz's own liveness)
            String sql = shared == null ? "UPDATE audit_run SET outcome = ?, detail = ? WHERE outcome = ?"
                    : "UPDATE audit_run SET outcome = ?, detail = ? WHERE outcome = ? AND agent_id <> ? "
                    + "AND agent_id NOT IN (SELECT instance_name FROM qrtz_scheduler_state "
                    + "WHERE last_checkin_time + 3 * checkin_interval >= ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, AuditRun.Outcome.INTERRUPTED.name());
                ps.setString(2, "the agent stopped before this audit finished (found at " + now + ")");
                ps.setString(3, AuditRun.Outcome.RUNNING.name());
                if (shared != null) {
                    ps.setString(4, agentId);
                    ps.setLong(5, now.toEpochMilli());
                }
                int n = ps.executeUpdate();
                if (n > 0) {
                    LOG.warn("{} audit run(s) left RUNNING by a previous agent process marked INTERRUPTED", n);
                }
            }
        });
    }

    /** Records a run as started (outcome RUNNING), so an audit interrupted by a crash still shows. */
    public synchronized void recordStarted(AuditRun run) {
        inTransaction(c -> upsertRun(c, run));
    }

    /**
     * Records a finished run with the findings it saw, and moves finding lifecycles on: FAILs of any instance are
     * (re)opened and seen now; open findings of {@code resolvableInstances} that are no longer FAIL (and not ERROR:
     * unreadable proves nothing) are resolved now.
     */
    public synchronized void recordFinished(AuditRun run, List<Finding> findings, Set<String> resolvableInstances) {
        Instant now = run.finishedAt() == null ? Instant.now() : run.finishedAt();
        inTransaction(c -> {
            upsertRun(c, run);
            insertFindings(c, run.id(), findings);
            updateLifecycle(c, findings, resolvableInstances, now);
        });
    }

    private void upsertRun(Connection c, AuditRun run) throws SQLException {
        String sql = shared == null
                ? "MERGE INTO audit_run (id, trigger_kind, started_at, finished_at, instances, outcome, detail) "
                        + "KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO audit_run (id, trigger_kind, started_at, finished_at, instances, outcome, detail, "
                        + "agent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "trigger_kind = EXCLUDED.trigger_kind, started_at = EXCLUDED.started_at, "
                        + "finished_at = EXCLUDED.finished_at, instances = EXCLUDED.instances, "
                        + "outcome = EXCLUDED.outcome, detail = EXCLUDED.detail, agent_id = EXCLUDED.agent_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, run.id());
            ps.setString(2, run.trigger().name());
            ps.setLong(3, run.startedAt().toEpochMilli());
            if (run.finishedAt() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, run.finishedAt().toEpochMilli());
            }
            ps.setString(5, String.join("\n", run.instances()));
            ps.setString(6, run.outcome().name());
            ps.setString(7, truncate(run.detail(), 4000));
            if (shared != null) {
                ps.setString(8, agentId);
            }
            ps.executeUpdate();
        }
    }

    private void insertFindings(Connection c, String runId, List<Finding> findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_finding (run_id, rule_id, instance, peer, subject, outcome, severity, message, waived) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Finding f : findings) {
                FindingKey k = FindingKey.of(f);
                ps.setString(1, runId);
                ps.setString(2, k.ruleId());
                ps.setString(3, k.instance());
                ps.setString(4, k.peer());
                ps.setString(5, k.subject());
                ps.setString(6, f.outcome().name());
                ps.setString(7, f.severity().name());
                ps.setString(8, truncate(f.message(), 4000));
                ps.setBoolean(9, f.waived());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void updateLifecycle(Connection c, List<Finding> findings, Set<String> resolvableInstances, Instant now)
            throws SQLException {
        if (shared != null) {
            // agents read-then-write the same rows: one at a time, until this transaction ends
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':mirrorguard-lifecycle'))")) {
                lock.execute();
            }
        }
        Map<FindingKey, Finding> current = new HashMap<>();
        for (Finding f : findings) {
            current.merge(FindingKey.of(f), f, (a, b) -> a.outcome() == Outcome.FAIL ? a : b);
        }
        Map<FindingKey, FindingLifecycle> existing = new HashMap<>();
        for (FindingLifecycle l : lifecycles(c)) {
            existing.put(l.key(), l);
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO finding_lifecycle (rule_id, instance, peer, subject, severity, message, first_seen, "
                        + "last_seen, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)");
             PreparedStatement seen = c.prepareStatement(
                     "UPDATE finding_lifecycle SET severity = ?, message = ?, last_seen = ?, resolved_at = NULL "
                             + "WHERE rule_id = ? AND instance = ? AND peer = ? AND subject = ?");
             PreparedStatement resolve = c.prepareStatement(
                     "UPDATE finding_lifecycle SET resolved_at = ? "
                             + "WHERE rule_id = ? AND instance = ? AND peer = ? AND subject = ?")) {
            for (var e : current.entrySet()) {
                Finding f = e.getValue();
                if (f.outcome() != Outcome.FAIL) {
                    continue;
                }
                FindingKey k = e.getKey();
                if (existing.containsKey(k)) {
                    seen.setString(1, f.severity().name());
                    seen.setString(2, truncate(f.message(), 4000));
                    seen.setLong(3, now.toEpochMilli());
                    bindKey(seen, 4, k);
                    seen.executeUpdate();
                } else {
                    insert.setString(1, k.ruleId());
                    insert.setString(2, k.instance());
                    insert.setString(3, k.peer());
                    insert.setString(4, k.subject());
                    insert.setString(5, f.severity().name());
                    insert.setString(6, truncate(f.message(), 4000));
                    insert.setLong(7, now.toEpochMilli());
                    insert.setLong(8, now.toEpochMilli());
                    insert.executeUpdate();
                }
            }
            for (FindingLifecycle l : existing.values()) {
                if (!l.open() || !resolvableInstances.contains(l.key().instance())) {
                    continue;
                }
                Finding now_ = current.get(l.key());
                if (now_ == null || (now_.outcome() != Outcome.FAIL && now_.outcome() != Outcome.ERROR)) {
                    resolve.setLong(1, now.toEpochMilli());
                    bindKey(resolve, 2, l.key());
                    resolve.executeUpdate();
                }
            }
        }
    }

    private static void bindKey(PreparedStatement ps, int from, FindingKey k) throws SQLException {
        ps.setString(from, k.ruleId());
        ps.setString(from + 1, k.instance());
        ps.setString(from + 2, k.peer());
        ps.setString(from + 3, k.subject());
    }

    public synchronized Optional<AuditRun> run(String id) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_run WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readRun(rs)) : Optional.<AuditRun>empty();
                }
            }
        });
    }

    /** Most recent runs first. */
    public synchronized List<AuditRun> recentRuns(int limit) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM audit_run ORDER BY started_at DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                List<AuditRun> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(readRun(rs));
                    }
                }
                return runs;
            }
        });
    }

    public synchronized List<StoredFinding> findingsOf(String runId) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM audit_finding WHERE run_id = ? ORDER BY instance, rule_id, peer, subject")) {
                ps.setString(1, runId);
                List<StoredFinding> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String peer = rs.getString("peer");
                        out.add(new StoredFinding(rs.getString("rule_id"), rs.getString("instance"),
                                peer.isEmpty() ? null : peer, rs.getString("subject"), rs.getString("outcome"),
                                rs.getString("severity"), rs.getString("message"), rs.getBoolean("waived")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Every lifecycle. Shared: while the database cannot be read, the last list read (the API and console keep
     * serving the last results; /readyz says the agent is degraded).
     */
    public synchronized List<FindingLifecycle> lifecycles() {
        if (shared == null) {
            return query(this::lifecycles);
        }
        try {
            lastLifecycles = query(this::lifecycles);
        } catch (StoreException e) {
            LOG.warn("serving the last finding lifecycles read: {}", e.getMessage());
        }
        return lastLifecycles;
    }

    private List<FindingLifecycle> lifecycles(Connection c) throws SQLException {
        List<FindingLifecycle> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT * FROM finding_lifecycle ORDER BY instance, rule_id, peer, subject")) {
            while (rs.next()) {
                out.add(new FindingLifecycle(
                        new FindingKey(rs.getString("rule_id"), rs.getString("instance"), rs.getString("peer"),
                                rs.getString("subject")),
                        rs.getString("severity"), rs.getString("message"),
                        Instant.ofEpochMilli(rs.getLong("first_seen")),
                        Instant.ofEpochMilli(rs.getLong("last_seen")),
                        instantOrNull(rs, "resolved_at")));
            }
        }
        return out;
    }

    /**
     * Deletes runs (and their findings) started before {@code now - retention}, and lifecycles resolved before it.
     *
     * @return the number of runs deleted
     */
    public synchronized int applyRetention(Duration retention, Instant now) {
        long cutoff = now.minus(retention).toEpochMilli();
        int[] deleted = new int[1];
        inTransaction(c -> {
            try (PreparedStatement f = c.prepareStatement(
                    "DELETE FROM audit_finding WHERE run_id IN (SELECT id FROM audit_run WHERE started_at < ?)");
                 PreparedStatement r = c.prepareStatement("DELETE FROM audit_run WHERE started_at < ?");
                 PreparedStatement l = c.prepareStatement(
                         "DELETE FROM finding_lifecycle WHERE resolved_at IS NOT NULL AND resolved_at < ?")) {
                f.setLong(1, cutoff);
                f.executeUpdate();
                r.setLong(1, cutoff);
                deleted[0] = r.executeUpdate();
                l.setLong(1, cutoff);
                l.executeUpdate();
            }
        });
        if (shared != null) {
            // a dead agent's RUNNING runs: found here too, not only when some agent starts
            markInterrupted(now);
        }
        return deleted[0];
    }

    /**
     * Records the facts this agent collected as the latest of their instance, unless another agent stored newer
     * ones meanwhile. Only for a shared store (H2 keeps the facts in the audit service's memory).
     */
    public synchronized void saveFacts(InstanceFacts collected) {
        inTransaction(c -> facts.save(c, collected));
    }

    /**
     * The latest facts of every instance any agent collected, with that agent, by instance name (shared store only).
     */
    public synchronized Map<String, CollectedFacts> latestFacts() {
        return query(facts::latest);
    }

    /** Changes whenever any agent stores facts (shared store only): whether {@link #latestFacts()} may differ. */
    public synchronized long factsRevision() {
        return query(facts::revision);
    }

    /** Closes H2's connection; a shared database belongs to the daemon, which closes it after Quartz. */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": close failed: " + e.getMessage(), e);
        }
    }

    private static AuditRun readRun(ResultSet rs) throws SQLException {
        String instances = rs.getString("instances");
        return new AuditRun(rs.getString("id"), AuditTrigger.valueOf(rs.getString("trigger_kind")),
                Instant.ofEpochMilli(rs.getLong("started_at")), instantOrNull(rs, "finished_at"),
                instances.isEmpty() ? List.of() : Arrays.asList(instances.split("\n")),
                AuditRun.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"));
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private interface SqlQuery<T> {
        T run(Connection c) throws SQLException;
    }

    private void inTransaction(SqlWork work) {
        if (shared == null) {
            inTransaction(connection, work);
            return;
        }
        try (Connection c = shared.dataSource().getConnection()) {
            c.setAutoCommit(false);
            inTransaction(c, work);
        } catch (SQLException e) {
            throw new StoreException(where + ": write failed: " + e.getMessage(), e);
        }
    }

    private void inTransaction(Connection c, SqlWork work) {
        try {
            work.run(c);
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StoreException(where + ": write failed: " + e.getMessage(), e);
        }
    }

    private <T> T query(SqlQuery<T> q) {
        if (shared == null) {
            try {
                return q.run(connection);
            } catch (SQLException e) {
                throw new StoreException(where + ": read failed: " + e.getMessage(), e);
            }
        }
        try (Connection c = shared.dataSource().getConnection()) {
            c.setAutoCommit(true);
            return q.run(c);
        } catch (SQLException e) {
            throw new StoreException(where + ": read failed: " + e.getMessage(), e);
        }
    }

}
