package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.catalog.AgSeedingPermitted;
import io.mirrorguard.rules.catalog.EndpointCertificateExpiryHorizon;
import io.mirrorguard.rules.catalog.EndpointPresent;
import io.mirrorguard.rules.catalog.InstanceAudited;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.Rec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private final RuleEngine engine = BuiltInRules.engine();

    /** SQLA's endpoint certificate expires in 20 days: one MEDIUM FAIL of endpoint-certificate-expiry-horizon. */
    private FleetBuilder expiringSoon(int days) {
        return Fleets.correctTwoPartnersAndWitness().with("SQLA", b -> b.certificate("SQLA_cert",
                c -> Rec.with(c, "expiryDate", Fleets.NOW.plus(Fleets.days(days)))));
    }

    private Finding horizon(AuditResult r) {
        return r.findings().stream().filter(f -> f.ruleId().equals(EndpointCertificateExpiryHorizon.ID)
                && f.instance().equals("SQLA")).findFirst().orElseThrow();
    }

    @Test
    void expiry_horizon_is_medium_in_the_window_and_high_close_to_expiry() {
        Finding medium = horizon(engine.evaluate(expiringSoon(20).build(), Policy.defaults()));
        assertThat(medium.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(medium.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(medium.evidence().facts()).containsEntry("daysLeft", "20");
        assertThat(horizon(engine.evaluate(expiringSoon(3).build(), Policy.defaults())).severity()).isEqualTo(Severity.HIGH);
        Policy wide = Policy.defaults().withParameters(new PolicyParameters(10, 2, false, 2048));
        assertThat(horizon(engine.evaluate(expiringSoon(20).build(), wide)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void a_disabled_rule_reports_nothing() {
        AuditResult r = engine.evaluate(expiringSoon(20).build(),
                Policy.defaults().withDisabled(Set.of(EndpointCertificateExpiryHorizon.ID)));
        assertThat(r.findings()).noneMatch(f -> f.ruleId().equals(EndpointCertificateExpiryHorizon.ID));
    }

    @Test
    void a_severity_override_replaces_the_rule_severity() {
        AuditResult r = engine.evaluate(expiringSoon(20).build(),
                Policy.defaults().withSeverityOverrides(Map.of(EndpointCertificateExpiryHorizon.ID, Severity.CRITICAL)));
        assertThat(horizon(r).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.instances().get(0).failures()).containsEntry(Severity.CRITICAL, 1);
    }

    @Test
    void a_current_waiver_keeps_the_fail_visible_but_not_counted() {
        Waiver w = new Waiver(EndpointCertificateExpiryHorizon.ID, "sqla", null, "rotation booked", LocalDate.of(2026, 3, 1));
        AuditResult r = engine.evaluate(expiringSoon(20).build(), Policy.defaults().withWaivers(List.of(w)));
        Finding f = horizon(r);
        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.waived()).isTrue();
        assertThat(f.failing()).isFalse();
        assertThat(f.waiver()).isEqualTo(new AppliedWaiver("rotation booked", LocalDate.of(2026, 3, 1), false));
        assertThat(r.instances().get(0).failures()).isEmpty();
    }

    @Test
    void an_expired_waiver_stops_applying_and_says_so() {
        Waiver w = new Waiver(EndpointCertificateExpiryHorizon.ID, "SQLA", null, "rotation booked", LocalDate.of(2026, 2, 28));
        AuditResult r = engine.evaluate(expiringSoon(20).build(), Policy.defaults().withWaivers(List.of(w)));
        Finding f = horizon(r);
        assertThat(f.waiver().expired()).isTrue();
        assertThat(f.failing()).isTrue();
        assertThat(r.instances().get(0).failures()).containsEntry(Severity.MEDIUM, 1);
    }

    @Test
    void waivers_are_judged_against_the_evaluation_date() {
        Waiver w = new Waiver(EndpointCertificateExpiryHorizon.ID, "SQLA", null, "booked", LocalDate.of(2026, 3, 1));
        Policy p = Policy.defaults().withWaivers(List.of(w));
        assertThat(horizon(engine.evaluate(expiringSoon(20).build(), p, Instant.parse("2026-03-01T23:59:59Z"))).waived())
                .isTrue();
        assertThat(horizon(engine.evaluate(expiringSoon(20).build(), p, Instant.parse("2026-03-02T00:00:00Z"))).waived())
                .isFalse();
    }

    @Test
    void a_peer_waiver_covers_only_that_peer() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness().with("SQLA", b -> {
            b.certificates.removeIf(c -> c.name().equals("SQLB_cert") || c.name().equals("SQLW_cert"));
        });
        Waiver w = new Waiver(PeerCertificateInstalled.ID, "SQLA", "SQLW", "witness being replaced", LocalDate.of(2026, 12, 31));
        AuditResult r = engine.evaluate(f.build(), Policy.defaults().withWaivers(List.of(w)));
        List<Finding> fails = r.findings().stream().filter(x -> x.ruleId().equals(PeerCertificateInstalled.ID)
                && x.outcome() == Outcome.FAIL).toList();
        assertThat(fails).hasSize(2);
        assertThat(fails).filteredOn(x -> x.peer().equals("SQLW")).singleElement().satisfies(x -> assertThat(x.waived()).isTrue());
        assertThat(fails).filteredOn(x -> x.peer().equals("SQLB")).singleElement().satisfies(x -> assertThat(x.failing()).isTrue());
    }

    @Test
    void invalid_values_name_the_field() {
        assertThatThrownBy(() -> new PolicyParameters(7, 7, false, 2048).validate())
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.expiryWarningDays: must be > expiryHighDays");
        assertThatThrownBy(() -> new PolicyParameters(30, -1, false, 2048).validate())
                .hasMessageStartingWith("policy.expiryHighDays:");
        assertThatThrownBy(() -> new PolicyParameters(30, 7, false, 100).validate())
                .hasMessageStartingWith("policy.minimumKeyBits:");
        Policy noReason = Policy.defaults().withWaivers(List.of(new Waiver(EndpointPresent.ID, "SQLA", null, " ",
                LocalDate.of(2027, 1, 1))));
        assertThatThrownBy(noReason::validate).hasMessageStartingWith("waivers[0].reason: required");
        Policy noExpiry = Policy.defaults().withWaivers(List.of(new Waiver(EndpointPresent.ID, "SQLA", null, "x", null)));
        assertThatThrownBy(noExpiry::validate).hasMessageStartingWith("waivers[0].expires: required");
    }

    @Test
    void unknown_rule_ids_are_rejected_by_the_engine() {
        var snapshot = Fleets.correctTwoPartnersAndWitness().build();
        assertThatThrownBy(() -> engine.evaluate(snapshot, Policy.defaults().withDisabled(Set.of("endpoint-presnet"))))
                .isInstanceOf(PolicyException.class).hasMessage("rules.disabled: unknown rule id 'endpoint-presnet'");
        assertThatThrownBy(() -> engine.evaluate(snapshot,
                Policy.defaults().withSeverityOverrides(Map.of("nope", Severity.LOW))))
                .hasMessage("rules.severity.nope: unknown rule id 'nope'");
        assertThatThrownBy(() -> engine.evaluate(snapshot, Policy.defaults().withWaivers(List.of(
                new Waiver("nope", "SQLA", null, "x", LocalDate.of(2027, 1, 1))))))
                .hasMessage("waivers[0].rule: unknown rule id 'nope'");
    }

    @Test
    void descriptors_are_in_catalog_order() {
        assertThat(engine.descriptors().get(0).id()).isEqualTo(InstanceAudited.ID);
        assertThat(engine.descriptors()).hasSize(30);
        assertThat(engine.descriptors().get(29).id()).isEqualTo(AgSeedingPermitted.ID);
    }
}
