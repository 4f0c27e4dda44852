package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.EncryptMode;
import io.mirrorguard.agent.config.TlsConfig;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.SectionStatus;
import io.mirrorguard.simulator.api.Fault;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each injected fault of the shipped faults.sql scenario maps to its collection failure. */
class SimulatorFaultsTest {

    private static SimulatedFleetHarness sim;

    @BeforeAll
    static void start() {
        sim = new SimulatedFleetHarness("faults.sql");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static InstanceFacts collectOnce(String name) {
        try (InstanceCollector c = new InstanceCollector(sim.config(name))) {
            return c.collect();
        }
    }

    @Test
    void instance_without_fault_is_read() {
        InstanceFacts f = collectOnce("SQLOK");
        assertThat(f.collection().succeeded()).isTrue();
        assertThat(f.certificates().value()).extracting(c -> c.name()).contains("SQLOK_cert");
    }

    @Test
    void unreachable_instance_is_unreachable() {
        InstanceFacts f = collectOnce("SQLF1");
        assertThat(f.collection().failure()).as(f.collection().reason()).isEqualTo(CollectionFailure.UNREACHABLE);
        assertThat(f.certificates().status()).isEqualTo(SectionStatus.NOT_COLLECTED);
    }

    @Test
    void rejected_login_is_login_failed_without_the_password() {
        InstanceFacts f = collectOnce("SQLF2");
        assertThat(f.collection().failure()).isEqualTo(CollectionFailure.LOGIN_FAILED);
        assertThat(f.collection().reason()).contains("18456").doesNotContain(SimulatedFleetHarness.AUDIT_PASSWORD);
    }

    @Test
    void answer_slower_than_the_query_timeout_is_timeout_and_the_next_collect_works() {
        // SQLF3 answers 1.5 s late; a 1 s query timeout must cancel the batch.
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLF3", "SQLF3",
                SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD, 1, sim.validatingTls()))) {
            InstanceFacts slow = c.collect();
            assertThat(slow.collection().failure()).as(slow.collection().reason()).isEqualTo(CollectionFailure.TIMEOUT);
            sim.instance("SQLF3").setFault(Fault.NONE);
            try {
                InstanceFacts next = c.collect();
                assertThat(next.collection().succeeded()).as(next.collection().reason()).isTrue();
                assertThat(next.certificates().isRead()).isTrue();
            } finally {
                sim.instance("SQLF3").setFault(new Fault(Fault.Kind.SLOW, 1500));
            }
        }
    }

    @Test
    void connection_dropped_during_the_batch_is_connection_lost() {
        InstanceFacts f = collectOnce("SQLF4");
        assertThat(f.collection().failure()).as(f.collection().reason()).isEqualTo(CollectionFailure.CONNECTION_LOST);
    }

    @Test
    void hidden_catalog_is_not_visible_never_absent() {
        InstanceFacts f = collectOnce("SQLF5");
        assertThat(f.collection().succeeded()).isTrue();
        assertThat(f.identity().isRead()).isTrue();
        for (var s : java.util.List.of(f.certificates(), f.endpoints(), f.masterKey(), f.serverPermissions(),
                f.masterPrincipals(), f.connections())) {
            assertThat(s.status()).as(s.describeGap()).isEqualTo(SectionStatus.NOT_VISIBLE);
        }
    }

    @Test
    void another_server_behind_the_address_is_wrong_server() {
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLX", "SQLOK",
                SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD, 30, sim.validatingTls()))) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.WRONG_SERVER);
            assertThat(f.name()).isEqualTo("SQLX");
        }
    }

    @Test
    void untrusted_server_certificate_is_tls_failed() {
        TlsConfig jvmTrust = new TlsConfig(EncryptMode.TRUE, false, "localhost", null, null, null);
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLOK", "SQLOK",
                SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD, 30, jvmTrust))) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).as(f.collection().reason()).isEqualTo(CollectionFailure.TLS_FAILED);
        }
    }

    /** The cached trust store (CachedTrustManager) still checks the name: a trusted certificate for another host fails. */
    @Test
    void trusted_certificate_for_another_host_name_is_tls_failed() {
        TlsConfig valid = sim.validatingTls();
        TlsConfig otherName = new TlsConfig(EncryptMode.TRUE, false, "not-the-simulator.example", valid.trustStore(),
                valid.trustStorePassword(), valid.trustStoreType());
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLOK", "SQLOK",
                SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD, 30, otherName))) {
            InstanceFacts f = c.collect();
            assertThat(f.collection().failure()).as(f.collection().reason()).isEqualTo(CollectionFailure.TLS_FAILED);
        }
    }

    @Test
    void cancel_from_another_thread_stops_the_running_batch() throws Exception {
        try (InstanceCollector c = new InstanceCollector(sim.config("SQLOK", "SQLOK",
                SimulatedFleetHarness.AUDIT_LOGIN, SimulatedFleetHarness.AUDIT_PASSWORD, 60, sim.validatingTls()))) {
            assertThat(c.collect().collection().succeeded()).isTrue(); // logged in; the next collect is the batch only
            sim.instance("SQLOK").setFault(new Fault(Fault.Kind.SLOW, 30_000));
            CompletableFuture<InstanceFacts> running = CompletableFuture.supplyAsync(c::collect);
            InstanceFacts f = null;
            // Cancel until the collect ends: a cancel landing before the statement is sent has nothing to stop.
            for (int i = 0; i < 200 && f == null; i++) {
                c.cancel();
                try {
                    f = running.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // keep cancelling
                }
            }
            assertThat(f).as("collect ended after cancel, long before the 30 s delay").isNotNull();
            assertThat(f.collection().failure()).isEqualTo(CollectionFailure.ERROR);
            assertThat(f.collection().reason()).startsWith("collection cancelled");
        } finally {
            sim.instance("SQLOK").setFault(Fault.NONE);
        }
    }
}
