package io.mirrorguard.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agents of a cluster as Quartz sees them (QRTZ_SCHEDULER_STATE: every agent checks in there), with the
 * instances each is auditing now (QRTZ_FIRED_TRIGGERS) and those it owns: {@link InstanceOwners} over the alive
 * agents.
 */
public final class ClusterAgents {

    /** Quartz's scheduler name, the same for every agent of a cluster: the cluster is the rows under it. */
    public static final String SCHEDULER_NAME = "mirrorguard";

    /**
     * @param alive       checked in within twice its check-in interval (Quartz takes over an agent's jobs after that)
     * @param auditing    instances whose scheduled audit runs on this agent now
     * @param owns        instances assigned to this agent among the alive ones: it exports their per-instance
     *                    metrics (docs/monitoring.md "Several agents"); none when it is not alive
     */
    public record Agent(String id, Instant lastCheckin, Duration checkinInterval, boolean alive,
                        Set<String> auditing, Set<String> owns) {}

    private final SharedDatabase database;
    private final String schedulerName = SCHEDULER_NAME;

    public ClusterAgents(SharedDatabase database) {
        this.database = database;
    }

    private record CheckIn(String id, Instant at, Duration interval) {
        boolean alive(Instant now) {
            return !at.plus(interval.multipliedBy(2)).isBefore(now);
        }
    }

    /**
     * Every agent with a check-in row, ordered by id.
     *
     * @param instances the configured instances, shared among the alive agents for {@link Agent#owns()}
     */
    public List<Agent> list(Instant now, Collection<String> instances) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(true);
            // a trigger an agent acquired but has not fired yet has no job_name: it is audited by no one yet
            Map<String, Set<String>> auditing = names(c, "SELECT instance_name, job_name FROM qrtz_fired_triggers "
                    + "WHERE sched_name = ? AND job_name IS NOT NULL");
            List<CheckIn> checkIns = checkIns(c);
            InstanceOwners owners = new InstanceOwners(
                    checkIns.stream().filter(a -> a.alive(now)).map(CheckIn::id).toList());
            List<Agent> out = new ArrayList<>();
            for (CheckIn a : checkIns) {
                boolean alive = a.alive(now);
                out.add(new Agent(a.id(), a.at(), a.interval(), alive, auditing.getOrDefault(a.id(), Set.of()),
                        alive ? owners.ownedBy(a.id(), instances) : Set.of()));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** How many agents checked in recently. */
    public int alive(Instant now) {
        return aliveIds(now).size();
    }

    /**
     * The ids of the agents that checked in recently: those that share the instances ({@link InstanceOwners}); a
     * STARTED journal record of any other writer is orphaned. One small query (an evaluation reads it every time).
     */
    public Set<String> aliveIds(Instant now) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(true);
            Set<String> ids = new TreeSet<>();
            checkIns(c).stream().filter(a -> a.alive(now)).forEach(a -> ids.add(a.id()));
            return ids;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private List<CheckIn> checkIns(Connection c) throws SQLException {
        List<CheckIn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT instance_name, last_checkin_time, checkin_interval "
                + "FROM qrtz_scheduler_state WHERE sched_name = ? ORDER BY instance_name")) {
            ps.setString(1, schedulerName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CheckIn(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            Duration.ofMillis(rs.getLong(3))));
                }
            }
        }
        return out;
    }

    private StoreException failed(SQLException e) {
        return new StoreException("storage.url " + database.url() + ": cannot read the cluster's agents: "
                + e.getMessage(), e);
    }

    private Map<String, Set<String>> names(Connection c, String sql) throws SQLException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schedulerName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
