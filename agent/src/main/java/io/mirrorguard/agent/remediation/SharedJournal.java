package io.mirrorguard.agent.remediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.store.ClusterAgents;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The journal of a cluster (storage.url): the table remediation_journal (migration V3) in the database every agent
 * shares, so each agent lists the whole cluster's actions and sees what another agent already applied. Append-only
 * like the file: every record is its own row, committed before {@link #append} returns (so a STARTED row exists
 * before the first statement is sent), and an action's state is its latest row. A STARTED row reads STARTED while
 * its writer is running it: this process, or an agent that still checks in to Quartz (the liveness /api/v1/cluster
 * shows); once the writer no longer checks in, it reads INTERRUPTED.
 */
public final class SharedJournal implements Journal {

    private static final String COLUMNS = "id, agent_id, plan_hash, rule_id, instance, peer, risk, mode, trigger_kind, "
            + "statements, started_at, ended_at, status, error, post_audit";
    /** Each action's latest row, in the order the actions were first journaled; {@code %s} filters the actions. */
    private static final String LATEST = "SELECT " + COLUMNS + " FROM remediation_journal j JOIN (SELECT id AS k_id, "
            + "MIN(seq) AS first_seq, MAX(seq) AS last_seq FROM remediation_journal %s GROUP BY id) k "
            + "ON j.seq = k.last_seq ORDER BY k.first_seq";

    private final SharedDatabase database;
    private final String writer;
    private final boolean ownsDatabase;
    private final ClusterAgents agents;
    private final ObjectMapper json = new ObjectMapper();
    /** Actions this process journaled STARTED and has not ended: running, whatever Quartz says of this writer. */
    private final Set<String> running = new HashSet<>();

    private SharedJournal(SharedDatabase database, String writer, boolean ownsDatabase) {
        this.database = database;
        this.writer = writer;
        this.ownsDatabase = ownsDatabase;
        this.agents = new ClusterAgents(database);
    }

    /** An agent's journal: {@code agentId} is its Quartz instance id; the daemon closes the database. */
    public static SharedJournal of(SharedDatabase database, String agentId) {
        return new SharedJournal(database, agentId, false);
    }

    /** A CLI command's journal on a database it connected itself: closing the journal closes the database. */
    static SharedJournal owning(SharedDatabase database, String writerId) {
        return new SharedJournal(database, writerId, true);
    }

    /** Who this journal's records are written as. */
    public String writer() {
        return writer;
    }

    @Override
    public String location() {
        return "storage.url " + database.url() + " (table remediation_journal)";
    }

    @Override
    public void append(JournalEntry e) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO remediation_journal (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // autocommit: the row is committed (and, with PostgreSQL's default synchronous_commit, on disk) when
            // executeUpdate returns, as the file journal forces its line to disk
            c.setAutoCommit(true);
            ps.setString(1, e.id());
            ps.setString(2, writer);
            ps.setString(3, e.planHash());
            ps.setString(4, e.ruleId());
            ps.setString(5, e.instance());
            ps.setString(6, e.peer());
            ps.setString(7, e.risk());
            ps.setString(8, e.mode());
            ps.setString(9, e.trigger());
            ps.setString(10, json.writeValueAsString(e.sql()));
            ps.setLong(11, e.startedAt().toEpochMilli());
            if (e.endedAt() == null) {
                ps.setNull(12, Types.BIGINT);
            } else {
                ps.setLong(12, e.endedAt().toEpochMilli());
            }
            ps.setString(13, e.status().name());
            ps.setString(14, e.error());
            ps.setString(15, e.postAudit());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException ex) {
            throw new StoreException(location() + ": cannot write the remediation journal: " + ex.getMessage(), ex);
        }
        synchronized (running) {
            if (e.status() == JournalEntry.Status.STARTED) {
                running.add(e.id());
            } else {
                running.remove(e.id());
            }
        }
    }

    @Override
    public List<JournalEntry> read() {
        return latest("", null);
    }

    @Override
    public List<JournalEntry> since(Instant from) {
        return latest("WHERE started_at >= ?", from);
    }

    private List<JournalEntry> latest(String where, Instant from) {
        List<JournalEntry> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(String.format(LATEST, where))) {
            c.setAutoCommit(true);
            if (from != null) {
                ps.setLong(1, from.toEpochMilli());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(entry(rs));
                }
            }
        } catch (SQLException | JsonProcessingException ex) {
            throw new StoreException(location() + ": cannot read the remediation journal: " + ex.getMessage(), ex);
        }
        return withLiveness(rows);
    }

    /** STARTED stays STARTED only while its writer runs it; Quartz's check-ins are asked only when one is open. */
    private List<JournalEntry> withLiveness(List<JournalEntry> rows) {
        Set<String> mine;
        synchronized (running) {
            mine = Set.copyOf(running);
        }
        Set<String> alive = null;
        List<JournalEntry> out = new ArrayList<>(rows.size());
        for (JournalEntry e : rows) {
            if (e.status() == JournalEntry.Status.STARTED && !mine.contains(e.id())) {
                if (alive == null) {
                    alive = agents.aliveIds(Instant.now());
                }
                if (e.agent().equals(writer)) {
                    // this writer's own STARTED that it is not running any more: its final record was never written
                    e = e.withStatus(JournalEntry.Status.INTERRUPTED, JournalEntry.INTERRUPTED_DETAIL);
                } else if (!alive.contains(e.agent())) {
                    e = e.withStatus(JournalEntry.Status.INTERRUPTED, JournalEntry.INTERRUPTED_DETAIL + " (agent "
                            + e.agent() + " no longer checks in)");
                }
            }
            out.add(e);
        }
        return out;
    }

    private JournalEntry entry(ResultSet rs) throws SQLException, JsonProcessingException {
        long ended = rs.getLong(12);
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        List<String> sql = json.readValue(rs.getString(10), new TypeReference<List<String>>() { });
        return new JournalEntry(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), sql, Instant.ofEpochMilli(rs.getLong(11)), endedAt,
                JournalEntry.Status.valueOf(rs.getString(13)), rs.getString(14), rs.getString(15), rs.getString(2));
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
