package io.mirrorguard.agent.collector;

import static io.mirrorguard.agent.collector.ScriptedJdbc.errorMarker;
import static io.mirrorguard.agent.collector.ScriptedJdbc.marker;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.collector.ScriptedJdbc.Err;
import io.mirrorguard.agent.collector.ScriptedJdbc.Item;
import io.mirrorguard.agent.collector.ScriptedJdbc.Rs;
import io.mirrorguard.agent.config.AuthConfig;
import io.mirrorguard.agent.config.AuthType;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.SectionStatus;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstanceCollectorTest {

    private static final String PASSWORD = "Audit-Password-Value";
    private static final InstanceConfig SQLA = new InstanceConfig("SQLA", "127.0.0.1", 14331, null,
            new AuthConfig(AuthType.SQL, "mirrorguard_audit", Secret.inline(PASSWORD)), null, null, 5, 5,
            List.of(), Map.of());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    static Rs identity(String serverName) {
        return new Rs(List.of("server_name", "machine_name", "product_version", "product_major_version", "edition",
                "engine_edition", "utc_now", "local_now", "has_view_any_definition", "has_view_server_state",
                "has_view_any_database", "is_sysadmin"),
                List.of(List.of(serverName, "H", "16.0.4135.4", 16, "Developer", 3,
                        LocalDateTime.parse("2026-11-26T12:00:00"), LocalDateTime.parse("2026-11-26T12:00:00"),
                        1, 1, 1, 0)));
    }

    /** A complete, healthy batch output: every section announced and read (empty lists, no master key). */
    static List<Item> healthy(String serverName) {
        List<Item> items = new ArrayList<>(List.of(marker("identity"), identity(serverName), marker("master_key"),
                new Rs(List.of("is_master_key_encrypted_by_server", "key_name", "key_length", "algorithm_desc",
                        "create_date", "modify_date"), List.of(java.util.Arrays.asList(false, null, null, null, null, null)))));
        for (CatalogSection s : CatalogSection.values()) {
            if (s != CatalogSection.IDENTITY && s != CatalogSection.MASTER_KEY) {
                items.add(marker(s.markerName()));
                items.add(new Rs(List.of("x"), List.of()));
            }
        }
        return items;
    }

    private static InstanceCollector collector(ScriptedJdbc jdbc, AtomicInteger logins) {
        return new InstanceCollector(SQLA, cfg -> {
            logins.incrementAndGet();
            return jdbc.connection();
        }, CLOCK);
    }

    @Test
    void healthy_batch_reads_every_section_in_one_round_trip_and_reuses_the_connection() {
        ScriptedJdbc jdbc = new ScriptedJdbc(healthy("SQLA"));
        AtomicInteger logins = new AtomicInteger();
        try (InstanceCollector c = collector(jdbc, logins)) {
            InstanceFacts first = c.collect();
            InstanceFacts second = c.collect();
            assertThat(first.collection().succeeded()).isTrue();
            assertThat(first.collection().roundTrips()).isEqualTo(1);
            assertThat(first.collection().startedAt()).isEqualTo(CLOCK.instant());
            assertThat(first.masterKey().value().present()).isFalse();
            assertThat(first.certificates().value()).isEmpty();
            assertThat(first.connections().status()).isEqualTo(SectionStatus.READ);
            assertThat(second.collection().succeeded()).isTrue();
            assertThat(logins.get()).isEqualTo(1);
            assertThat(c.logins()).isEqualTo(1);
            assertThat(c.statementsExecuted()).isEqualTo(2);
            assertThat(jdbc.executed).containsExactly(CatalogBatch.sql(), CatalogBatch.sql());
        }
    }

    @Test
    void error_marker_overrides_the_section_and_the_rest_is_still_read() {
        List<Item> items = new ArrayList<>(healthy("SQLA"));
        int connections = items.indexOf(marker("connections"));
        items.add(connections + 2, errorMarker("connections", 300, "VIEW SERVER STATE permission was denied"));
        ScriptedJdbc jdbc = new ScriptedJdbc(items);
        try (InstanceCollector c = collector(jdbc, new AtomicInteger())) {
            InstanceFacts f = c.collect();
            assertThat(f.connections().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
            assertThat(f.connections().reason()).isEqualTo("error 300: VIEW SERVER STATE permission was denied");
            assertThat(f.certificates().isRead()).isTrue();
        }
    }

    @Test
    void uncaught_statement_error_fails_its_section_and_reading_goes_on() {
        List<Item> items = new ArrayList<>(healthy("SQLA"));
        int endpoints = items.indexOf(marker("endpoints"));
        items.set(endpoints + 1, new Err(new SQLException("Lock request time out period exceeded.", "S0001", 1222)));
        ScriptedJdbc jdbc = new ScriptedJdbc(items);
        try (InstanceCollector c = collector(jdbc, new AtomicInteger())) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().succeeded()).isTrue();
            assertThat(f.endpoints().status()).isEqualTo(SectionStatus.FAILED);
            assertThat(f.endpoints().reason()).isEqualTo("error 1222: Lock request time out period exceeded.");
            assertThat(f.serverPrincipals().isRead()).isTrue();
        }
    }

    @Test
    void marker_without_its_result_set_is_failed() {
        List<Item> items = new ArrayList<>(healthy("SQLA"));
        int witnesses = items.indexOf(marker("witnesses"));
        items.remove(witnesses + 1);
        try (InstanceCollector c = collector(new ScriptedJdbc(items), new AtomicInteger())) {
            InstanceFacts f = c.collect();
            assertThat(f.witnessRoles().status()).isEqualTo(SectionStatus.FAILED);
            assertThat(f.witnessRoles().reason()).contains("marker came without its result set");
        }
    }

    @Test
    void another_server_answering_is_wrong_server_and_no_facts_are_kept() {
        try (InstanceCollector c = collector(new ScriptedJdbc(healthy("SQLB")), new AtomicInteger())) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.WRONG_SERVER);
            assertThat(f.collection().reason()).isEqualTo("@@SERVERNAME is SQLB, the configuration expects SQLA");
            assertThat(f.certificates().status()).isEqualTo(SectionStatus.NOT_COLLECTED);
        }
    }

    @Test
    void server_name_comparison_ignores_case() {
        try (InstanceCollector c = collector(new ScriptedJdbc(healthy("sqla")), new AtomicInteger())) {
            assertThat(c.collect().collection().succeeded()).isTrue();
        }
    }

    @Test
    void timeout_discards_the_connection_and_the_next_collect_logs_in_again() {
        List<Item> slow = List.of(new Err(new SQLTimeoutException("The query has timed out.")));
        ScriptedJdbc first = new ScriptedJdbc(slow);
        ScriptedJdbc second = new ScriptedJdbc(healthy("SQLA"));
        AtomicInteger logins = new AtomicInteger();
        try (InstanceCollector c = new InstanceCollector(SQLA,
                cfg -> logins.incrementAndGet() == 1 ? first.connection() : second.connection(), CLOCK)) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.TIMEOUT);
            assertThat(f.collection().roundTrips()).isEqualTo(1);
            assertThat(first.closed.get()).isTrue();
            assertThat(c.collect().collection().succeeded()).isTrue();
            assertThat(logins.get()).isEqualTo(2);
        }
    }

    @Test
    void login_failure_is_classified_and_never_shows_the_password() {
        try (InstanceCollector c = new InstanceCollector(SQLA, cfg -> {
            throw new SQLException("Login failed for user 'mirrorguard_audit'. (password " + PASSWORD + ")", "S0001", 18456);
        }, CLOCK)) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.LOGIN_FAILED);
            assertThat(f.collection().roundTrips()).isZero();
            assertThat(f.collection().reason()).doesNotContain(PASSWORD).contains(Secret.MASK);
            assertThat(f.identity().reason()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void closed_collector_reports_error_without_connecting() {
        AtomicInteger logins = new AtomicInteger();
        InstanceCollector c = collector(new ScriptedJdbc(healthy("SQLA")), logins);
        c.close();
        InstanceFacts f = c.collect();
        assertThat(f.collection().failure()).isEqualTo(CollectionFailure.ERROR);
        assertThat(f.collection().reason()).isEqualTo("collector closed");
        assertThat(logins.get()).isZero();
    }

    @Test
    void fleet_collects_every_instance_in_configuration_order() {
        InstanceConfig sqlb = new InstanceConfig("SQLB", "h", 1, null, SQLA.auth(), null, null, 5, 5, List.of(), Map.of());
        var fleet = new io.mirrorguard.agent.collector.FleetCollector(List.of(SQLA, sqlb), List.of(),
                cfg -> new InstanceCollector(cfg, x -> new ScriptedJdbc(healthy(x.name())).connection(), CLOCK), CLOCK);
        try (fleet) {
            var snapshot = fleet.collectAll(2);
            assertThat(snapshot.instances()).extracting(InstanceFacts::name).containsExactly("SQLA", "SQLB");
            assertThat(snapshot.instances()).allSatisfy(f -> assertThat(f.collection().succeeded()).isTrue());
            assertThat(fleet.collect("sqlb").collection().succeeded()).isTrue();
            assertThat(fleet.collector("SQLB").statementsExecuted()).isEqualTo(2);
        }
    }
}
