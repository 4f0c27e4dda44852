package io.mirrorguard.agent.store;

import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.snapshot.SnapshotFormatException;
import io.mirrorguard.rules.snapshot.SnapshotJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each instance's latest facts in the shared database, as a one-instance snapshot (docs/snapshot-format.md), so
 * reading them back goes through the same strict reader as a snapshot file. Rows are parsed again only when their
 * collection time changed: an evaluation round reads n timestamps and the facts that are new since the last one.
 */
final class SharedFacts {

    private static final Logger LOG = LoggerFactory.getLogger(SharedFacts.class);

    private record Cached(long collectedAt, InstanceFacts facts) {}

    private record Stamp(long collectedAt, String agentId, Instant lastSuccessAt) {}

    private final String agentId;
    private final Map<String, Cached> cache = new HashMap<>();

    SharedFacts(String agentId) {
        this.agentId = agentId;
    }

    /**
     * Upserts; the facts stay those stored when they were collected later (another agent was faster), but the last
     * success is the later of both either way (a slow success is still the instance's last one if newer).
     */
    void save(Connection c, InstanceFacts facts) throws SQLException {
        long at = facts.collection().startedAt().toEpochMilli();
        String json = SnapshotJson.write(new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, Instant.ofEpochMilli(at),
                List.of(facts), List.of()));
        String newer = "instance_facts.collected_at <= EXCLUDED.collected_at";
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO instance_facts (instance, collected_at, agent_id, facts, last_success_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance) DO UPDATE SET "
                        + "collected_at = GREATEST(instance_facts.collected_at, EXCLUDED.collected_at), "
                        + "agent_id = CASE WHEN " + newer + " THEN EXCLUDED.agent_id ELSE instance_facts.agent_id END, "
                        + "facts = CASE WHEN " + newer + " THEN EXCLUDED.facts ELSE instance_facts.facts END, "
                        // GREATEST ignores NULL: a failure keeps the last success
                        + "last_success_at = GREATEST(instance_facts.last_success_at, EXCLUDED.last_success_at), "
                        + "revision = nextval('instance_facts_revision')")) {
            ps.setString(1, facts.target().name());
            ps.setLong(2, at);
            ps.setString(3, agentId);
            ps.setString(4, json);
            if (facts.readCompletely()) {
                // when the collection ended, as an agent on its own stamps its last success
                ps.setLong(5, at + facts.collection().durationMillis());
            } else {
                ps.setNull(5, Types.BIGINT);
            }
            ps.executeUpdate();
        }
    }

    /** A number that changes whenever any instance's facts are written (0 with none): cheap to poll. */
    long revision(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(revision), 0) FROM instance_facts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every instance's latest facts with the agent that collected them (read with the time, not cached). */
    Map<String, CollectedFacts> latest(Connection c) throws SQLException {
        Map<String, Stamp> stamps = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT instance, collected_at, agent_id, last_success_at FROM instance_facts ORDER BY instance")) {
            while (rs.next()) {
                long success = rs.getLong(4);
                Instant lastSuccess = rs.wasNull() ? null : Instant.ofEpochMilli(success);
                stamps.put(rs.getString(1), new Stamp(rs.getLong(2), rs.getString(3), lastSuccess));
            }
        }
        cache.keySet().retainAll(stamps.keySet());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT collected_at, facts FROM instance_facts WHERE instance = ?")) {
            for (var e : stamps.entrySet()) {
                Cached known = cache.get(e.getKey());
                if (known != null && known.collectedAt() == e.getValue().collectedAt()) {
                    continue;
                }
                ps.setString(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        read(e.getKey(), rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        Map<String, CollectedFacts> out = new LinkedHashMap<>();
        stamps.forEach((name, stamp) -> {
            Cached f = cache.get(name);
            if (f != null) {
                out.put(name, new CollectedFacts(f.facts(), stamp.agentId(), stamp.lastSuccessAt()));
            }
        });
        return out;
    }

    private void read(String instance, long collectedAt, String json) {
        try {
            List<InstanceFacts> one = SnapshotJson.read(json).instances();
            if (one.size() == 1) {
                cache.put(instance, new Cached(collectedAt, one.get(0)));
                return;
            }
            LOG.warn("shared facts of {}: expected one instance, found {}; ignored", instance, one.size());
        } catch (SnapshotFormatException e) {
            // written by an agent of another version: its next collection replaces it
            LOG.warn("shared facts of {} unreadable ({}); ignored until collected again", instance, e.getMessage());
        }
        cache.remove(instance);
    }
}
