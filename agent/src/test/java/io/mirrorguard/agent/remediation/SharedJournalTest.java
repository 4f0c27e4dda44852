package io.mirrorguard.agent.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.store.ClusterAgents;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's journal table on real PostgreSQL: every agent reads every agent's records (with the agent), a record
 * is committed when append returns, and a STARTED row reads STARTED only while its agent checks in to Quartz
 * (qrtz_scheduler_state, which Quartz writes; here the test writes the check-ins it needs).
 */
class SharedJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private PostgresSchema pg;
    private SharedDatabase db;

    @BeforeEach
    void database() {
        pg = PostgresSchema.create();
        db = SharedDatabase.connect(pg.url(), pg.user(), null, 4);
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.close();
        }
        pg.close();
    }

    private static JournalEntry entry(String id, String instance, Instant start, JournalEntry.Status status) {
        return new JournalEntry(id, "a".repeat(64), "endpoint-started", instance, null, "SAFE", "APPLY", "automatic",
                List.of("ALTER ENDPOINT [Endpoint_Mirroring] STATE = STARTED;", "SELECT N'$(secret:x)';"), start,
                status == JournalEntry.Status.STARTED ? null : start.plusSeconds(1), status,
                status == JournalEntry.Status.FAILED ? "statement 1 of 2 failed: Msg 15151: it's gone" : null, null,
                null);
    }

    private static JournalEntry by(JournalEntry e, String agent) {
        return new JournalEntry(e.id(), e.planHash(), e.ruleId(), e.instance(), e.peer(), e.risk(), e.mode(),
                e.trigger(), e.sql(), e.startedAt(), e.endedAt(), e.status(), e.error(), e.postAudit(), agent);
    }

    private void checkIn(String agent, Instant at) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO qrtz_scheduler_state "
                + "(sched_name, instance_name, last_checkin_time, checkin_interval) VALUES (?, ?, ?, 1000) "
                + "ON CONFLICT (sched_name, instance_name) DO UPDATE SET last_checkin_time = EXCLUDED.last_checkin_time")) {
            ps.setString(1, ClusterAgents.SCHEDULER_NAME);
            ps.setString(2, agent);
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    @Test
    void every_agent_reads_every_agents_records_with_their_agent_oldest_first() throws Exception {
        SharedJournal a = SharedJournal.of(db, "agent-a");
        SharedJournal b = SharedJournal.of(db, "agent-b");
        a.append(entry("1", "SQLB", T0, JournalEntry.Status.STARTED));
        b.append(entry("2", "SQLA", T0.plusSeconds(5), JournalEntry.Status.FAILED));
        a.append(entry("1", "SQLB", T0, JournalEntry.Status.SUCCEEDED));
        a.append(entry("1", "SQLB", T0, JournalEntry.Status.SUCCEEDED).withPostAudit("PASS"));

        // committed when append returned: a session of its own sees every record
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*), count(DISTINCT agent_id) FROM remediation_journal")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.getInt(2)).isEqualTo(2);
        }
        List<JournalEntry> seenByA = a.read();
        assertThat(seenByA).isEqualTo(b.read());
        assertThat(seenByA).extracting(JournalEntry::id).containsExactly("1", "2");
        assertThat(seenByA.get(0)).isEqualTo(by(entry("1", "SQLB", T0, JournalEntry.Status.SUCCEEDED)
                .withPostAudit("PASS"), "agent-a"));
        assertThat(seenByA.get(1)).isEqualTo(by(entry("2", "SQLA", T0.plusSeconds(5), JournalEntry.Status.FAILED),
                "agent-b"));
        assertThat(a.since(T0.plusSeconds(1))).extracting(JournalEntry::id).containsExactly("2");
        assertThat(a.since(T0)).extracting(JournalEntry::id).containsExactly("1", "2");
    }

    @Test
    void a_started_row_is_running_while_its_agent_checks_in_and_interrupted_once_it_stops() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SharedJournal a = SharedJournal.of(db, "agent-a");
        SharedJournal b = SharedJournal.of(db, "agent-b");
        checkIn("agent-a", now);
        a.append(entry("1", "SQLB", now, JournalEntry.Status.STARTED));
        assertThat(b.read()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(JournalEntry.Status.STARTED);
            assertThat(e.agent()).isEqualTo("agent-a");
        });

        // agent-a's last check-in is older than twice its interval: it is dead for the cluster
        checkIn("agent-a", now.minusSeconds(10));
        assertThat(b.read()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(JournalEntry.Status.INTERRUPTED);
            assertThat(e.error()).contains("effect is unknown until the next audit").contains("agent-a");
        });
        // the writer itself knows the action is still running in it
        assertThat(a.read()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.STARTED);

        // a writer that never checks in (a CLI apply): other readers cannot see it run, so its STARTED is orphaned
        SharedJournal cli = SharedJournal.of(db, "cli-host-1-x");
        cli.append(entry("2", "SQLA", now, JournalEntry.Status.STARTED));
        assertThat(b.read()).extracting(JournalEntry::status).containsExactly(JournalEntry.Status.INTERRUPTED,
                JournalEntry.Status.INTERRUPTED);
        assertThat(cli.read()).extracting(JournalEntry::status).containsExactly(JournalEntry.Status.INTERRUPTED,
                JournalEntry.Status.STARTED);
    }
}
