package io.mirrorguard.agent.store;

import static io.mirrorguard.agent.testing.Findings.fail;
import static io.mirrorguard.agent.testing.Findings.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.PostgresSchema;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit store in a cluster's PostgreSQL database: schema by Flyway, runs, lifecycles, facts and locks shared. */
class SharedAuditStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private PostgresSchema pg;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void schema() {
        pg = PostgresSchema.create();
    }

    @AfterEach
    void drop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        pg.close();
    }

    private SharedDatabase database() {
        SharedDatabase db = SharedDatabase.connect(pg.url(), pg.user(), null, 6);
        open.add(db);
        return db;
    }

    private static AuditRun running(String id) {
        return new AuditRun(id, AuditTrigger.SCHEDULED, T0, null, List.of("SQLA"), AuditRun.Outcome.RUNNING, null);
    }

    /** A fleet audit lists every instance: 10,000 of them must fit (VARCHAR(8000) refused ~450 and up). */
    @Test
    void a_run_of_ten_thousand_instances_is_stored_and_read_back() {
        List<String> names = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("M%05dA", i)).toList();
        AuditStore store = AuditStore.shared(database(), "agent-a");
        store.recordFinished(new AuditRun("big", AuditTrigger.ON_DEMAND, T0, T0.plusSeconds(60), names,
                AuditRun.Outcome.SUCCESS, null), List.of(), java.util.Set.copyOf(names));
        assertThat(store.run("big").orElseThrow().instances()).isEqualTo(names);
    }

    @Test
    void flyway_creates_quartz_and_audit_tables_once_for_every_agent() throws Exception {
        database();
        database(); // a second agent starting: nothing left to migrate
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            assertThat(versions).containsExactly("1", "2", "3", "4", "5");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = '" + pg.schema() + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("qrtz_job_details", "qrtz_triggers", "qrtz_scheduler_state", "qrtz_locks",
                    "qrtz_fired_triggers", "audit_run", "audit_finding", "finding_lifecycle", "instance_facts",
                    "remediation_journal");
        }
    }

    @Test
    void runs_and_lifecycles_written_by_one_agent_read_back_on_another() {
        SharedDatabase db = database();
        AuditStore a = AuditStore.shared(db, "agent-a");
        AuditStore b = AuditStore.shared(db, "agent-b");
        a.recordStarted(running("r1"));
        a.recordFinished(new AuditRun("r1", AuditTrigger.SCHEDULED, T0, T0.plusSeconds(2), List.of("SQLA"),
                AuditRun.Outcome.SUCCESS, null), List.of(fail("endpoint-started", "SQLA")), Set.of("SQLA"));
        assertThat(b.run("r1")).get().extracting(AuditRun::outcome).isEqualTo(AuditRun.Outcome.SUCCESS);
        assertThat(b.findingsOf("r1")).extracting(StoredFinding::ruleId).containsExactly("endpoint-started");
        assertThat(b.lifecycles()).singleElement().satisfies(l -> assertThat(l.open()).isTrue());
        // agent b's later audit of the instance resolves what agent a opened
        b.recordFinished(new AuditRun("r2", AuditTrigger.SCHEDULED, T0.plusSeconds(60), T0.plusSeconds(62),
                List.of("SQLA"), AuditRun.Outcome.SUCCESS, null), List.of(pass("endpoint-started", "SQLA")),
                Set.of("SQLA"));
        assertThat(a.lifecycles()).singleElement().satisfies(l -> {
            assertThat(l.open()).isFalse();
            assertThat(l.resolvedAt()).isEqualTo(T0.plusSeconds(62));
        });
        assertThat(a.recentRuns(10)).extracting(AuditRun::id).containsExactly("r2", "r1");
    }

    @Test
    void only_a_dead_agents_running_audits_are_marked_interrupted() throws Exception {
        SharedDatabase db = database();
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            // Quartz's check-ins: 'live' a moment ago, 'dead' a minute ago (8 intervals missed)
            long now = System.currentTimeMillis();
            s.execute("INSERT INTO qrtz_scheduler_state VALUES ('mirrorguard', 'live', " + now + ", 7500)");
            s.execute("INSERT INTO qrtz_scheduler_state VALUES ('mirrorguard', 'dead', " + (now - 60_000) + ", 7500)");
        }
        AuditStore.shared(db, "live").recordStarted(running("live-run"));
        AuditStore.shared(db, "dead").recordStarted(running("dead-run"));
        AuditStore third = AuditStore.shared(db, "third");
        assertThat(third.run("live-run")).get().extracting(AuditRun::outcome).isEqualTo(AuditRun.Outcome.RUNNING);
        assertThat(third.run("dead-run")).get().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditRun.Outcome.INTERRUPTED);
            assertThat(r.detail()).contains("the agent stopped before this audit finished");
        });
    }

    @Test
    void facts_collected_by_one_agent_are_the_latest_for_all_unless_older() {
        SharedDatabase db = database();
        AuditStore a = AuditStore.shared(db, "agent-a");
        AuditStore b = AuditStore.shared(db, "agent-b");
        assertThat(b.factsRevision()).isZero();
        InstanceFacts full = Facts.instance("SQLA", "SQLB");
        a.saveFacts(full);
        long afterFirst = b.factsRevision();
        assertThat(afterFirst).isPositive();
        assertThat(b.latestFacts()).containsOnlyKeys("SQLA");
        // a collection that read the catalog: the last success is when it ended
        Instant fullEnded = full.collection().startedAt().plusMillis(full.collection().durationMillis());
        assertThat(b.latestFacts().get("SQLA")).isEqualTo(new CollectedFacts(full, "agent-a", fullEnded));

        InstanceFacts newer = unreadable("SQLA", full.collection().startedAt().plusSeconds(60));
        b.saveFacts(newer);
        a.saveFacts(unreadable("SQLA", full.collection().startedAt().plusSeconds(30))); // late writer loses
        // the collector of the newest facts is read with them, not cached with the facts; a failure keeps the
        // last success, whichever agent had it
        assertThat(a.latestFacts().get("SQLA")).isEqualTo(new CollectedFacts(newer, "agent-b", fullEnded));
        assertThat(a.factsRevision()).as("every write is a change").isGreaterThan(afterFirst);
        a.saveFacts(Facts.instance("SQLB", "SQLA"));
        assertThat(b.latestFacts()).containsOnlyKeys("SQLA", "SQLB");
        assertThat(b.latestFacts().get("SQLB").agentId()).isEqualTo("agent-a");
    }

    @Test
    void a_late_success_loses_to_newer_facts_but_is_the_last_success_if_it_ended_later() {
        SharedDatabase db = database();
        AuditStore a = AuditStore.shared(db, "agent-a");
        AuditStore b = AuditStore.shared(db, "agent-b");
        InstanceFacts failed = unreadable("SQLA", Facts.NOW.plusSeconds(10));
        b.saveFacts(failed);
        assertThat(a.latestFacts().get("SQLA").lastSuccessAt()).as("never succeeded").isNull();
        // started before b's failure, stored after it: not the newest facts, but a success that ended at NOW+40ms
        a.saveFacts(Facts.instance("SQLA", "SQLB"));
        assertThat(a.latestFacts().get("SQLA"))
                .isEqualTo(new CollectedFacts(failed, "agent-b", Facts.NOW.plusMillis(40)));
    }

    @Test
    void an_instance_audit_lock_is_held_by_one_agent_at_a_time_and_released() {
        SharedDatabase db = database();
        InstanceAuditLocks a = new InstanceAuditLocks(db);
        InstanceAuditLocks b = new InstanceAuditLocks(db);
        Optional<InstanceAuditLocks.Held> held = a.acquire("SQLA", Duration.ofSeconds(1));
        assertThat(held).isPresent();
        assertThat(b.acquire("SQLA", Duration.ofMillis(300))).isEmpty();
        try (InstanceAuditLocks.Held other = b.acquire("SQLB", Duration.ofMillis(300)).orElseThrow()) {
            assertThat(other).isNotNull(); // another instance is not blocked
        }
        held.get().close();
        try (InstanceAuditLocks.Held again = b.acquire("SQLA", Duration.ofMillis(300)).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void a_database_that_cannot_be_reached_is_one_message_naming_storage_url() {
        StoreException e = assertThrows(StoreException.class, () -> SharedDatabase.connect(
                "jdbc:postgresql://127.0.0.1:1/mirrorguard", Secret.inline("u"), Secret.inline("pw-not-shown"), 2));
        assertThat(e.getMessage()).startsWith("storage.url jdbc:postgresql://127.0.0.1:1/mirrorguard: cannot connect "
                + "to PostgreSQL: ").doesNotContain("pw-not-shown");
    }

    private static InstanceFacts unreadable(String name, Instant at) {
        return InstanceFacts.unreadable(Target.named(name),
                Collection.failed(at, 10, CollectionFailure.UNREACHABLE, "test"));
    }
}
