package io.mirrorguard.agent.report;

import io.mirrorguard.rules.catalog.EndpointCertificateAuthentication;
import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointCertificateExpiryHorizon;
import io.mirrorguard.rules.catalog.EndpointCertificateKeyProtectedByMasterKey;
import io.mirrorguard.rules.catalog.EndpointCertificatePresent;
import io.mirrorguard.rules.catalog.EndpointCertificateStrength;
import io.mirrorguard.rules.catalog.EndpointCertificateValidity;
import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.catalog.EndpointEncryptionAesOnly;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.catalog.EndpointPresent;
import io.mirrorguard.rules.catalog.EndpointRoleFitsTopology;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.InstanceAudited;
import io.mirrorguard.rules.catalog.MasterKeyPresent;
import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import io.mirrorguard.rules.catalog.MirroringConnectionsEncrypted;
import io.mirrorguard.rules.catalog.MirroringSessionHealthy;
import io.mirrorguard.rules.catalog.PartnerEncryptionCompatible;
import io.mirrorguard.rules.catalog.PeerAddressResolved;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import io.mirrorguard.rules.catalog.PeerCertificateOwnerMapped;
import io.mirrorguard.rules.catalog.PeerCertificatePrivateKeyAbsent;
import io.mirrorguard.rules.catalog.PeerLoginConnectGranted;
import io.mirrorguard.rules.catalog.StaleEndpointTrust;
import io.mirrorguard.rules.catalog.WitnessTrustBothWays;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.InstanceSummary;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.model.InstanceFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds {@link AuditReport}: groups findings per instance into the procedure's checklist. */
final class ReportAssembler {

    /**
     * The order a DBA follows the certificate-authentication procedure: master key, certificate, endpoint, backup;
     * then per peer the login, its user, the peer's certificate, CONNECT. Rules not listed keep catalog order after.
     */
    private static final List<String> PROCEDURE_ORDER = List.of(
            InstanceAudited.ID,
            MasterKeyPresent.ID,
            MasterKeyProtectedByServiceKey.ID,
            EndpointCertificatePresent.ID,
            EndpointCertificateKeyProtectedByMasterKey.ID,
            EndpointCertificateValidity.ID,
            EndpointCertificateExpiryHorizon.ID,
            EndpointCertificateStrength.ID,
            EndpointPresent.ID,
            EndpointStarted.ID,
            EndpointCertificateAuthentication.ID,
            EndpointEncryptionRequired.ID,
            EndpointEncryptionAesOnly.ID,
            EndpointRoleFitsTopology.ID,
            EndpointCertificateBackedUp.ID,
            PeerAddressResolved.ID,
            PeerCertificateOwnerMapped.ID,
            PeerCertificateInstalled.ID,
            PeerLoginConnectGranted.ID,
            PeerCertificatePrivateKeyAbsent.ID,
            PartnerEncryptionCompatible.ID,
            WitnessTrustBothWays.ID,
            MirroringSessionHealthy.ID,
            MirroringConnectionsEncrypted.ID,
            EndpointConnectNotPublic.ID,
            StaleEndpointTrust.ID);

    private ReportAssembler() {}

    static AuditReport assemble(AuditResult result, List<RuleDescriptor> rules, ReportContext context) {
        Map<String, RuleDescriptor> byId = new HashMap<>();
        Map<String, Integer> catalogIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byId.putIfAbsent(rules.get(i).id(), rules.get(i));
            catalogIndex.putIfAbsent(rules.get(i).id(), i);
        }
        Comparator<ReportFinding> checklistOrder = Comparator
                .comparingInt((ReportFinding f) -> procedureRank(f.ruleId(), catalogIndex))
                .thenComparing(f -> Objects.toString(f.finding().peer(), ""))
                .thenComparing(f -> Objects.toString(f.finding().subject(), ""));

        List<ReportFinding> all = result.findings().stream()
                .map(f -> toReportFinding(f, byId, context))
                .toList();

        Map<String, InstanceFacts> facts = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        if (result.snapshot() != null) {
            for (InstanceFacts i : result.snapshot().instances()) {
                facts.put(i.name(), i);
                names.add(i.name());
            }
        }
        Map<String, InstanceSummary> summaries = new HashMap<>();
        for (InstanceSummary s : result.instances()) {
            summaries.put(s.instance(), s);
            names.add(s.instance());
        }
        // a finding about an instance the snapshot does not list still gets shown: a report never drops a finding
        all.forEach(f -> names.add(Objects.toString(f.finding().instance(), "(fleet)")));

        List<InstanceReport> instances = new ArrayList<>();
        List<ReportFinding> ordered = new ArrayList<>();
        for (String name : names) {
            List<ReportFinding> mine = all.stream()
                    .filter(f -> name.equals(Objects.toString(f.finding().instance(), "(fleet)")))
                    .sorted(checklistOrder)
                    .toList();
            InstanceReport report = instanceReport(name, mine, summaries.get(name), facts.get(name));
            // the flat list follows the checklist too, so every format walks findings in the same order
            report.sections().forEach(s -> ordered.addAll(s.items()));
            instances.add(report);
        }

        return new AuditReport(
                AuditReport.SCHEMA_VERSION,
                context.generatedAt(),
                result.snapshot() == null ? null : result.snapshot().takenAt(),
                AuditReport.TOOL_NAME,
                context.toolVersion(),
                context.source(),
                summarize(instances, ordered, result.trust()),
                instances,
                ordered,
                result.trust(),
                result.links(),
                rules);
    }

    private static ReportFinding toReportFinding(Finding f, Map<String, RuleDescriptor> byId, ReportContext context) {
        String fingerprint = Fingerprint.of(f);
        return new ReportFinding(fingerprint, f, byId.get(f.ruleId()), context.lifecycle().get(fingerprint));
    }

    private static int procedureRank(String ruleId, Map<String, Integer> catalogIndex) {
        int i = PROCEDURE_ORDER.indexOf(ruleId);
        return i >= 0 ? i : PROCEDURE_ORDER.size() + catalogIndex.getOrDefault(ruleId, catalogIndex.size());
    }

    private static InstanceReport instanceReport(String name, List<ReportFinding> mine, InstanceSummary summary,
                                                 InstanceFacts facts) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<Severity, Integer> failures = new EnumMap<>(Severity.class);
        int waived = 0;
        for (ReportFinding rf : mine) {
            Finding f = rf.finding();
            outcomes.merge(f.outcome(), 1, Integer::sum);
            if (f.failing() && f.severity() != null) {
                failures.merge(f.severity(), 1, Integer::sum);
            }
            if (f.waived()) {
                waived++;
            }
        }
        boolean audited;
        String reason = null;
        if (facts != null && !facts.collection().succeeded()) {
            audited = false;
            reason = facts.collection().failure()
                    + (facts.collection().reason() == null ? "" : ": " + facts.collection().reason());
        } else {
            audited = summary == null ? facts != null : summary.audited();
        }
        return new InstanceReport(name, audited, reason, outcomes, failures, waived, sections(mine));
    }

    private static List<ChecklistSection> sections(List<ReportFinding> mine) {
        Map<String, List<ReportFinding>> grouped = new LinkedHashMap<>();
        Map<String, ChecklistSection> keys = new HashMap<>();
        for (ReportFinding f : mine) {
            SectionKind kind = kindOf(f);
            String peer = kind == SectionKind.INBOUND ? f.finding().peer() : null;
            String key = kind.name() + "\u001f" + Objects.toString(peer, "");
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            keys.putIfAbsent(key, new ChecklistSection(kind, peer, List.of()));
        }
        return grouped.entrySet().stream()
                .map(e -> new ChecklistSection(keys.get(e.getKey()).kind(), keys.get(e.getKey()).peer(), e.getValue()))
                .sorted(Comparator.comparing(ChecklistSection::kind)
                        .thenComparing(s -> Objects.toString(s.peer(), "")))
                .toList();
    }

    static SectionKind kindOf(ReportFinding f) {
        if (f.rule() == null || f.rule().category() == null) {
            return SectionKind.OTHER;
        }
        Category c = f.rule().category();
        return switch (c) {
            case COLLECTION -> SectionKind.COLLECTION;
            case OUTBOUND -> SectionKind.OUTBOUND;
            case SECURITY -> SectionKind.SECURITY;
            case INBOUND -> f.finding().peer() == null ? SectionKind.OTHER : SectionKind.INBOUND;
            case LINK -> f.ruleId().contains("witness") ? SectionKind.WITNESS
                    : f.finding().peer() != null ? SectionKind.INBOUND : SectionKind.SESSIONS;
            default -> SectionKind.OTHER;
        };
    }

    private static ReportSummary summarize(List<InstanceReport> instances, List<ReportFinding> findings,
                                           List<TrustStatus> trust) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<Severity, Integer> failures = new EnumMap<>(Severity.class);
        int waived = 0;
        int expired = 0;
        for (ReportFinding rf : findings) {
            Finding f = rf.finding();
            outcomes.merge(f.outcome(), 1, Integer::sum);
            if (f.failing() && f.severity() != null) {
                failures.merge(f.severity(), 1, Integer::sum);
            }
            if (f.waived()) {
                waived++;
            } else if (f.outcome() == Outcome.FAIL && f.waiver() != null) {
                expired++;
            }
        }
        int audited = (int) instances.stream().filter(InstanceReport::audited).count();
        int complete = (int) trust.stream().filter(TrustStatus::complete).count();
        return new ReportSummary(instances.size(), audited, outcomes, failures, waived, expired, complete,
                trust.size() - complete);
    }
}
