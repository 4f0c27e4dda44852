package io.mirrorguard.agent.report;

import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.catalog.EndpointPresent;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.InstanceAudited;
import io.mirrorguard.rules.catalog.MasterKeyPresent;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.catalog.WitnessTrustBothWays;
import io.mirrorguard.rules.engine.AppliedWaiver;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.InstanceSummary;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.topology.Link;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small fleet with every outcome: SQLA and SQLB partners (SQLB does not trust SQLA), SQLW a witness, and an
 * instance named like an attack on every format's escaping, which could not be reached.
 */
final class ReportFixtures {

    static final String HOSTILE = "<script>alert('x')</script>|\"&";
    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private ReportFixtures() {}

    static List<RuleDescriptor> rules() {
        return List.of(
                rule(InstanceAudited.ID, "Instance audited", Severity.HIGH, Category.COLLECTION),
                rule(MasterKeyPresent.ID, "Master key present in master", Severity.HIGH, Category.OUTBOUND),
                rule(EndpointPresent.ID, "Mirroring endpoint present", Severity.CRITICAL, Category.OUTBOUND),
                rule(EndpointStarted.ID, "Mirroring endpoint started", Severity.CRITICAL, Category.OUTBOUND),
                rule(EndpointCertificateBackedUp.ID, "Endpoint certificate backed up", Severity.LOW,
                        Category.OUTBOUND),
                rule(PeerCertificateInstalled.ID, "Peer certificate installed", Severity.CRITICAL,
                        Category.INBOUND),
                rule(PeerLoginConnectGranted.ID, "Peer login holds CONNECT", Severity.CRITICAL, Category.INBOUND),
                rule(WitnessTrustBothWays.ID, "Witness trusted both ways", Severity.CRITICAL, Category.LINK),
                rule(EndpointConnectNotPublic.ID, "CONNECT not granted to public", Severity.HIGH,
                        Category.SECURITY));
    }

    static RuleDescriptor rule(String id, String title, Severity severity, Category category) {
        return new RuleDescriptor(id, title, severity, category, "Why " + title.toLowerCase() + " matters.",
                "Fix it with the procedure.", "Outbound step 3: create the endpoint", List.of("https://learn.microsoft.com/sql/"),
                "docs/rules/" + id + ".md");
    }

    static Finding finding(String rule, String instance, String peer, String subject, Outcome outcome,
                           Severity severity, String message) {
        return new Finding(rule, instance, peer, subject, outcome, severity, message,
                Evidence.of("observed " + rule, "expected " + rule).with("rule", rule), null);
    }

    static List<Finding> findings() {
        return List.of(
                // deliberately out of procedure order: the report must sort
                finding(EndpointStarted.ID, "SQLA", null, "SQLA/endpoint/Mirroring", Outcome.FAIL, Severity.CRITICAL,
                        "endpoint Mirroring is STOPPED"),
                finding(MasterKeyPresent.ID, "SQLA", null, "SQLA/master-key", Outcome.PASS, Severity.HIGH,
                        "master has a database master key"),
                finding(InstanceAudited.ID, "SQLA", null, "SQLA", Outcome.PASS, Severity.HIGH, "catalog read"),
                finding(PeerCertificateInstalled.ID, "SQLA", "SQLB", "SQLA<-SQLB", Outcome.PASS, Severity.CRITICAL,
                        "SQLB's certificate is installed"),
                finding(PeerLoginConnectGranted.ID, "SQLA", "SQLB", "SQLA<-SQLB", Outcome.FAIL, Severity.CRITICAL,
                        "login SQLB_login lacks CONNECT")
                        .withWaiver(new AppliedWaiver("change CHG-1 in progress", LocalDate.of(2027, 1, 31), false)),
                finding(EndpointCertificateBackedUp.ID, "SQLA", null, "SQLA/certificate/SQLA_cert", Outcome.FAIL,
                        Severity.LOW, "private key never exported"),
                finding(EndpointConnectNotPublic.ID, "SQLA", null, "SQLA/endpoint/Mirroring", Outcome.NOT_APPLICABLE,
                        Severity.HIGH, "public holds no CONNECT"),
                finding(InstanceAudited.ID, "SQLB", null, "SQLB", Outcome.PASS, Severity.HIGH, "catalog read"),
                finding(PeerCertificateInstalled.ID, "SQLB", "SQLA", "SQLB<-SQLA", Outcome.FAIL, Severity.CRITICAL,
                        "no certificate with SQLA's thumbprint in master"),
                finding(PeerLoginConnectGranted.ID, "SQLB", "SQLA", "SQLB<-SQLA", Outcome.ERROR, Severity.CRITICAL,
                        "server permissions NOT_VISIBLE"),
                finding(EndpointCertificateBackedUp.ID, "SQLB", null, "SQLB/certificate/SQLB_cert", Outcome.FAIL,
                        Severity.LOW, "never exported")
                        .withWaiver(new AppliedWaiver("old waiver", LocalDate.of(2026, 1, 1), true)),
                finding(WitnessTrustBothWays.ID, "SQLW", "SQLA", "SQLW<->SQLA", Outcome.PASS, Severity.CRITICAL,
                        "both ways"),
                finding(InstanceAudited.ID, HOSTILE, null, HOSTILE, Outcome.FAIL, Severity.HIGH,
                        "could not connect to " + HOSTILE + "\u001b[31m"),
                finding("unknown-rule", "SQLW", null, "SQLW/x", Outcome.PASS, Severity.INFO, "a rule without descriptor"));
    }

    static AuditResult result() {
        List<InstanceFacts> instances = List.of(
                audited("SQLA"), audited("SQLB"), audited("SQLW"),
                InstanceFacts.unreadable(Target.named(HOSTILE),
                        Collection.failed(AT, 10, CollectionFailure.UNREACHABLE, "connection refused")));
        FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, AT, instances, List.of());
        List<InstanceSummary> summaries = List.of(
                new InstanceSummary("SQLA", true, Map.of(), Map.of()),
                new InstanceSummary("SQLB", true, Map.of(), Map.of()),
                new InstanceSummary("SQLW", true, Map.of(), Map.of()),
                new InstanceSummary(HOSTILE, false, Map.of(), Map.of()));
        List<TrustStatus> trust = List.of(
                new TrustStatus("SQLA", "SQLB", true, List.of()),
                new TrustStatus("SQLB", "SQLA", false, List.of("certificate", "CONNECT")),
                new TrustStatus("SQLW", "SQLA", true, List.of()),
                new TrustStatus("SQLA", "SQLW", true, List.of()));
        List<Link> links = List.of(
                new Link("SQLA", "SQLB", LinkRole.PARTNER, Set.of("sys.database_mirroring", "config")),
                new Link("SQLW", "SQLA", LinkRole.WITNESS, Set.of("sys.database_mirroring")));
        return new AuditResult(AT, snapshot, findings(), summaries, trust, links);
    }

    static AuditReport report() {
        return AuditReport.of(result(), rules(), new ReportContext("1.2.3", AT.plusSeconds(5), null, Map.of()));
    }

    static AuditReport reportFromConfig(String source) {
        return AuditReport.of(result(), rules(), new ReportContext("1.2.3", AT.plusSeconds(5), source, Map.of()));
    }

    private static InstanceFacts audited(String name) {
        InstanceFacts blank = InstanceFacts.unreadable(Target.named(name),
                Collection.failed(AT, 0, CollectionFailure.ERROR, "unused"));
        return new InstanceFacts(blank.target(), Collection.ok(AT, 12, 1), blank.identity(), blank.masterKey(),
                blank.certificates(), blank.endpoints(), blank.serverPrincipals(), blank.masterPrincipals(),
                blank.serverRoleMembers(), blank.serverPermissions(), blank.mirroredDatabases(), blank.witnessRoles(),
                blank.availabilityReplicas(), blank.connections(), blank.availabilityGroups(),
                blank.availabilityDatabases(), blank.seedingOperations());
    }
}
