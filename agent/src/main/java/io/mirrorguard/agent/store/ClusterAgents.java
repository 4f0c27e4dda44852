package io.mirrorguard.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agents of a cluster as Quartz sees them (QRTZ_SCHEDULER_STATE: every agent checks in there), with the
 * instances each is auditing now (QRTZ_FIRED_TRIGGERS) and those it owns: whose latest facts it collected.
 */
public final class ClusterAgents {

    /** Quartz's scheduler name, the same for every agent of a cluster: the cluster is the rows under it. */
    public static final String SCHEDULER_NAME = "mirrorguard";

    /**
     * @param alive       checked in within twice its check-in interval (Quartz takes over an agent's jobs after that)
     * @param auditing    instances whose scheduled audit runs on this agent now
     * @param owns        instances whose latest stored facts this agent collected: it exports their per-instance
     *                    metrics (docs/monitoring.md "Several agents")
     */
    public record Agent(String id, Instant lastCheckin, Duration checkinInterval, boolean alive,
                        Set<String> auditing, Set<String> owns) {}

    private final SharedDatabase database;
    private final String schedulerName = SCHEDULER_NAME;

    public ClusterAgents(SharedDatabase database) {
        this.database = database;
    }

    /** Every agent with a check-in row, ordered by id. */
    public List<Agent> list(Instant now) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(true);
            // a trigger an agent acquired but has not fired yet has no job_name: it is audited by no one yet
            Map<String, Set<String>> auditing = names(c, "SELECT instance_name, job_name FROM qrtz_fired_triggers "
                    + "WHERE sched_name = ? AND job_name IS NOT NULL", true);
            Map<String, Set<String>> last = names(c, "SELECT agent_id, instance FROM instance_facts", false);
            List<Agent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT instance_name, last_checkin_time, checkin_interval "
                    + "FROM qrtz_scheduler_state WHERE sched_name = ? ORDER BY instance_name")) {
                ps.setString(1, schedulerName);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        Instant checkin = Instant.ofEpochMilli(rs.getLong(2));
                        Duration interval = Duration.ofMillis(rs.getLong(3));
                        boolean alive = !checkin.plus(interval.multipliedBy(2)).isBefore(now);
                        out.add(new Agent(id, checkin, interval, alive, auditing.getOrDefault(id, Set.of()),
                                last.getOrDefault(id, Set.of())));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("storage.url " + database.url() + ": cannot read the cluster's agents: "
                    + e.getMessage(), e);
        }
    }

    /** How many agents checked in recently. */
    public int alive(Instant now) {
        return (int) list(now).stream().filter(Agent::alive).count();
    }

    /** The ids of the agents that checked in recently: a STARTED journal record of any other writer is orphaned. */
    public Set<String> aliveIds(Instant now) {
        Set<String> ids = new TreeSet<>();
        list(now).stream().filter(Agent::alive).forEach(a -> ids.add(a.id()));
        return ids;
    }

    private Map<String, Set<String>> names(Connection c, String sql, boolean bySchedulerName) throws SQLException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (bySchedulerName) {
                ps.setString(1, schedulerName);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
