package io.mirrorguard.rules.remediation.rotation;

import io.mirrorguard.rules.catalog.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.PlanOptions;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.topology.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Rotating every replica of an AG (and both groups of a distributed AG) with {@link RotationWorkflow#nextAcross}:
 * applying each step to the facts, trust stays complete in every direction at every stage.
 */
class AgRotationTest {

    private static final RuleEngine ENGINE = BuiltInRules.engine();
    private static final int NEW_CERT_ID = 900;

    @Test
    void every_replica_of_an_ag_rotates_without_any_direction_ever_losing_trust() {
        walk(Fleets.correctAvailabilityGroup(), Fleets.AG_REPLICAS);
    }

    @Test
    void both_groups_of_a_distributed_ag_rotate_without_any_direction_ever_losing_trust() {
        walk(Fleets.correctDistributedAvailabilityGroup(), List.of("SQLP1", "SQLP2", "SQLQ1", "SQLQ2"));
    }

    @Test
    void cleanup_waits_while_a_replica_is_disconnected() {
        FleetBuilder f = Fleets.correctAvailabilityGroup();
        List<RotationRequest> reqs = requests(Fleets.AG_REPLICAS);
        RotationWorkflow w = new RotationWorkflow();
        for (String x : Fleets.AG_REPLICAS) {
            f.instance(x).certificates.add(newCert(x));
        }
        for (RemediationAction a : w.nextAcross(ctx(f), reqs).actions()) {
            installCopy(f, a);
        }
        f.instance("LNX1").endpoint(e -> Rec.with(e, "certificateId", NEW_CERT_ID));
        f.instance("LNX1").availabilityReplicas.replaceAll(r -> r.replicaServerName().equals("LNX3")
                ? Rec.with(Rec.with(r, "connectedState", 0), "connectedStateDesc", "DISCONNECTED") : r);
        RotationStep s = w.nextAcross(ctx(f), reqs);
        assertThat(s.stage()).isEqualTo(RotationStage.VERIFY_SESSIONS);
        assertThat(s.actions()).isEmpty();
        assertThat(s.explanation()).contains("LNX3").contains("DISCONNECTED");
    }

    private static void walk(FleetBuilder f, List<String> members) {
        RotationWorkflow w = new RotationWorkflow();
        List<RotationRequest> reqs = requests(members);
        List<RotationStage> seen = new ArrayList<>();
        for (int guard = 0; guard < 50; guard++) {
            assertTrustComplete(f, seen);
            RotationStep s = w.nextAcross(ctx(f), reqs);
            seen.add(s.stage());
            switch (s.stage()) {
                case CREATE_CERTIFICATE -> {
                    assertThat(s.actions()).hasSize(members.size());
                    s.actions().forEach(a -> f.instance(a.instance()).certificates.add(newCert(a.instance())));
                }
                case INSTALL_ON_PEERS -> s.actions().forEach(a -> installCopy(f, a));
                case SWITCH_ENDPOINT -> {
                    assertThat(s.actions()).singleElement().satisfies(a -> assertThat(a.risk()).isEqualTo(Risk.DISRUPTIVE));
                    f.instance(s.actions().get(0).instance()).endpoint(e -> Rec.with(e, "certificateId", NEW_CERT_ID));
                }
                case REMOVE_OLD -> s.actions().forEach(a -> {
                    String dropped = a.sql().get(0).replaceAll("^DROP CERTIFICATE \\[(.*)\\];$", "$1");
                    f.instance(a.instance()).certificates.removeIf(c -> c.name().equals(dropped));
                });
                case DONE -> {
                    assertThat(seen).containsSubsequence(RotationStage.CREATE_CERTIFICATE,
                            RotationStage.INSTALL_ON_PEERS, RotationStage.SWITCH_ENDPOINT, RotationStage.REMOVE_OLD,
                            RotationStage.DONE);
                    assertThat(seen.stream().filter(x -> x == RotationStage.SWITCH_ENDPOINT)).hasSize(members.size());
                    // after the walk every endpoint uses its new certificate and the peers hold only that
                    for (String x : members) {
                        assertThat(f.instance(x).endpoints.get(0).certificateId()).isEqualTo(NEW_CERT_ID);
                    }
                    return;
                }
                default -> throw new AssertionError("unexpected " + s.stage() + ": " + s.explanation());
            }
        }
        throw new AssertionError("rotation did not finish: " + seen);
    }

    private static void assertTrustComplete(FleetBuilder f, List<RotationStage> after) {
        AuditResult r = ENGINE.evaluate(f.build(), Policy.defaults());
        assertThat(r.trust()).as("after " + after).isNotEmpty()
                .allSatisfy(t -> assertThat(t.complete()).as(t.instance() + "<-" + t.peer() + " after " + after).isTrue());
    }

    private static List<RotationRequest> requests(List<String> members) {
        return members.stream().map(x -> new RotationRequest(x, x + "_cert_2027", x + " endpoint 2027",
                Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2027-11-26T00:00:00Z"))).toList();
    }

    private static FixContext ctx(FleetBuilder f) {
        var snapshot = f.build();
        AuditResult r = ENGINE.evaluate(snapshot, Policy.defaults());
        Map<String, Set<String>> peers = new HashMap<>();
        for (Link l : r.links()) {
            peers.computeIfAbsent(l.a(), k -> new TreeSet<>()).add(l.b());
            peers.computeIfAbsent(l.b(), k -> new TreeSet<>()).add(l.a());
        }
        return new FixContext(snapshot, peers, List.of(), PlanOptions.all());
    }

    private static Certificate newCert(String x) {
        Certificate c = Fleets.ownCertificate(x + "2027");
        return Rec.with(Rec.with(c, "name", x + "_cert_2027"), "certificateId", NEW_CERT_ID);
    }

    /** Applies "CREATE CERTIFICATE [copy] AUTHORIZATION [user] FROM BINARY = ..." on the peer. */
    private static void installCopy(FleetBuilder f, RemediationAction a) {
        String sql = a.sql().get(0);
        String name = sql.replaceAll("^CREATE CERTIFICATE \\[([^\\]]*)\\].*$", "$1");
        String user = sql.replaceAll("^.* AUTHORIZATION \\[([^\\]]*)\\].*$", "$1");
        InstanceBuilder peer = f.instance(a.instance());
        Certificate source = newCert(a.peer());
        int id = 901 + peer.certificates.size();
        peer.certificates.add(Rec.with(Rec.with(Rec.with(Rec.with(Rec.with(source, "name", name), "certificateId", id),
                "principalId", peer.user(user).principalId()), "pvtKeyEncryptionType", "NA"),
                "pvtKeyLastBackupDate", null));
    }
}
