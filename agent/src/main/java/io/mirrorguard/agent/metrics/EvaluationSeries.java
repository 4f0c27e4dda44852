package io.mirrorguard.agent.metrics;

import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.mirrorguard.agent.metrics.Exposition.Type.GAUGE;
import static io.mirrorguard.agent.metrics.Exposition.Type.INFO;

/**
 * The families every evaluation replaces as a whole (findings, per-rule series, checks, trust, certificates,
 * endpoints), with the series of the instances this agent owns only. {@link #prepare} builds and renders the new rows
 * without touching the installed ones, so the evaluator does that work while scrapes are served the previous ones;
 * {@link #install} swaps them in at once.
 */
final class EvaluationSeries {

    /** The new rows and their rendering of every family, in {@link #families()} order. */
    record Prepared(List<Map<String, Double>> rows, List<Rendering> bodies) {}

    private final RuleDetail ruleDetail;
    private final SeriesFamily findings;
    private final SeriesFamily ruleFailures;
    private final SeriesFamily ruleChecks;
    private final SeriesFamily checks;
    private final SeriesFamily peerTrust;
    private final SeriesFamily certificateNotAfter;
    private final SeriesFamily certificateNotBefore;
    private final SeriesFamily certificateInfo;
    private final SeriesFamily endpointInfo;
    private final List<SeriesFamily> families;

    EvaluationSeries(RuleDetail ruleDetail) {
        this.ruleDetail = ruleDetail;
        findings = new SeriesFamily(MetricFamilies.FINDINGS, GAUGE,
                "Unwaived FAIL findings of the instance in the latest evaluation, by severity", "instance", "severity");
        ruleFailures = new SeriesFamily(MetricFamilies.RULE_FAILURES, GAUGE, ruleDetail == RuleDetail.ALL
                ? "Unwaived FAIL findings of one rule on the instance in the latest evaluation (0 when it passes)"
                : "Unwaived FAIL findings of one rule on the instance in the latest evaluation (rules whose findings all pass omitted)",
                "instance", "rule", "severity");
        ruleChecks = new SeriesFamily(MetricFamilies.RULE_CHECKS, GAUGE, ruleDetail == RuleDetail.ALL
                ? "Findings of one rule on the instance in the latest evaluation, by outcome (outcomes without findings omitted)"
                : "Findings of one rule on the instance in the latest evaluation, by outcome (outcomes without findings and rules whose findings all pass omitted)",
                "instance", "rule", "outcome");
        checks = new SeriesFamily(MetricFamilies.CHECKS, GAUGE,
                "Findings of all rules on the instance in the latest evaluation, by outcome (outcomes without findings omitted)",
                "instance", "outcome");
        peerTrust = new SeriesFamily(MetricFamilies.PEER_TRUST, GAUGE,
                "1 when the instance completely trusts the peer for certificate authentication, 0 when broken",
                "instance", "peer");
        certificateNotAfter = new SeriesFamily(MetricFamilies.CERTIFICATE_NOT_AFTER, GAUGE,
                "Unix time after which the certificate is no longer valid", "instance", "certificate", "usage");
        certificateNotBefore = new SeriesFamily(MetricFamilies.CERTIFICATE_NOT_BEFORE, GAUGE,
                "Unix time before which the certificate is not yet valid", "instance", "certificate", "usage");
        certificateInfo = new SeriesFamily(MetricFamilies.CERTIFICATE_INFO, INFO,
                "Identity of an endpoint certificate or of a copy of a peer's endpoint certificate (value 1)",
                "instance", "certificate", "thumbprint", "subject", "key_bits", "signature_algorithm");
        endpointInfo = new SeriesFamily(MetricFamilies.ENDPOINT_INFO, INFO,
                "Settings of the instance's DATABASE_MIRRORING endpoint (value 1)", "instance", "endpoint", "state",
                "role", "authentication", "encryption", "algorithm", "port");
        families = List.of(findings, ruleFailures, ruleChecks, checks, peerTrust, certificateNotAfter,
                certificateNotBefore, certificateInfo, endpointInfo);
    }

    List<SeriesFamily> families() {
        return families;
    }

    /**
     * The rows of the evaluation's owned instances, rendered (and compressed when {@code gzip}); installs nothing.
     * Callers serialize calls (one evaluator), not with scrapes.
     */
    Prepared prepare(Evaluation evaluation, Predicate<String> owns, boolean gzip) {
        List<InstanceFacts> all = evaluation.snapshot().instances();
        List<InstanceFacts> owned = all.stream().filter(f -> owns.test(f.name())).toList();
        Map<SeriesFamily, Map<String, Double>> rows = new LinkedHashMap<>();
        families.forEach(f -> rows.put(f, new LinkedHashMap<>()));
        findingRows(evaluation, owned, rows);
        Map<String, Double> trust = rows.get(peerTrust);
        for (PeerTrust t : evaluation.trust()) {
            if (owns.test(t.instance())) {
                trust.merge(peerTrust.key(t.instance(), t.peer()), t.complete() ? 1.0 : 0.0, Math::min);
            }
        }
        certificateRows(all, owned, rows);
        endpointRows(owned, rows.get(endpointInfo));
        List<Rendering> bodies = new ArrayList<>();
        rows.forEach((family, r) -> {
            Rendering body = family.render(r);
            if (gzip) {
                body.gzip();
            }
            bodies.add(body);
        });
        return new Prepared(List.copyOf(rows.values()), bodies);
    }

    /** Makes every family what {@code prepared} holds. */
    void install(Prepared prepared) {
        for (int i = 0; i < families.size(); i++) {
            families.get(i).replaceAll(prepared.rows().get(i), prepared.bodies().get(i));
        }
    }

    private void findingRows(Evaluation evaluation, List<InstanceFacts> owned,
                             Map<SeriesFamily, Map<String, Double>> rows) {
        Map<String, List<Finding>> byInstance = new HashMap<>();
        for (Finding f : evaluation.findings()) {
            if (f.instance() != null) {
                byInstance.computeIfAbsent(f.instance(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, Double> findingRows = rows.get(findings);
        Map<String, Double> failureRows = rows.get(ruleFailures);
        Map<String, Double> checkRows = rows.get(ruleChecks);
        Map<String, Double> totalRows = rows.get(checks);
        for (InstanceFacts facts : owned) {
            String instance = facts.name();
            List<Finding> own = byInstance.getOrDefault(instance, List.of());
            Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                bySeverity.put(s, 0);
            }
            own.stream().filter(Finding::failing).forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
            bySeverity.forEach((s, n) -> findingRows.put(findings.key(instance, s.name()), (double) n));

            Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
            own.forEach(f -> totals.merge(f.outcome(), 1L, Long::sum));
            totals.forEach((o, n) -> totalRows.put(checks.key(instance, o.name()), (double) n));

            Map<String, List<Finding>> byRule = new TreeMap<>();
            own.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
            byRule.forEach((rule, list) -> {
                if (ruleDetail == RuleDetail.NONPASS && list.stream().allMatch(f -> f.outcome() == Outcome.PASS)) {
                    // a passing rule is the bulk of a healthy fleet's series (~50 of ~75 per instance); its
                    // PASS count is in mirrorguard_checks and its absence from rule_failures reads as 0 in `> 0`
                    return;
                }
                Severity severity = list.stream().map(Finding::severity).min(Enum::compareTo).orElse(Severity.INFO);
                long failing = list.stream().filter(Finding::failing).count();
                failureRows.put(ruleFailures.key(instance, rule, severity.name()), (double) failing);
                // outcomes with no finding are left out: at 1,000 instances the zero rows were ~75,000 of the
                // ~147,000 samples of a scrape; sums over outcomes (the pass-ratio rules) are unchanged
                Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
                list.forEach(f -> byOutcome.merge(f.outcome(), 1L, Long::sum));
                byOutcome.forEach((o, n) -> checkRows.put(ruleChecks.key(instance, rule, o.name()), (double) n));
            });
        }
    }

    /** @param all every evaluated instance: a peer copy is recognised by the thumbprint of another's endpoint */
    private void certificateRows(List<InstanceFacts> all, List<InstanceFacts> owned,
                                 Map<SeriesFamily, Map<String, Double>> rows) {
        // thumbprint of each instance's endpoint certificate -> that instance
        Map<String, String> endpointThumbprints = new HashMap<>();
        for (InstanceFacts facts : all) {
            for (Certificate c : endpointCertificates(facts)) {
                if (c.thumbprint() != null) {
                    endpointThumbprints.putIfAbsent(c.thumbprint(), facts.name());
                }
            }
        }
        Map<String, Double> notAfter = rows.get(certificateNotAfter);
        Map<String, Double> notBefore = rows.get(certificateNotBefore);
        Map<String, Double> info = rows.get(certificateInfo);
        for (InstanceFacts facts : owned) {
            if (!facts.certificates().isRead()) {
                continue;
            }
            Set<Certificate> endpointCerts = new LinkedHashSet<>(endpointCertificates(facts));
            for (Certificate c : facts.certificates().value()) {
                String usage;
                if (endpointCerts.contains(c)) {
                    usage = "endpoint";
                } else if (c.thumbprint() != null && endpointThumbprints.containsKey(c.thumbprint())
                        && !endpointThumbprints.get(c.thumbprint()).equals(facts.name())) {
                    usage = "peer";
                } else {
                    continue;
                }
                String key = certificateNotAfter.key(facts.name(), c.name(), usage);
                Instant after = c.expiryDate() != null ? c.expiryDate()
                        : c.details() != null ? c.details().notAfter() : null;
                Instant before = c.startDate() != null ? c.startDate()
                        : c.details() != null ? c.details().notBefore() : null;
                if (after != null) {
                    notAfter.put(key, after.toEpochMilli() / 1000.0);
                }
                if (before != null) {
                    notBefore.put(key, before.toEpochMilli() / 1000.0);
                }
                Integer keyBits = c.details() != null ? Integer.valueOf(c.details().keyBits()) : c.keyLength();
                info.put(certificateInfo.key(facts.name(), c.name(), nz(c.thumbprint()), nz(c.subject()),
                        keyBits == null ? "" : keyBits.toString(),
                        c.details() == null ? "" : nz(c.details().signatureAlgorithm())), 1.0);
            }
        }
    }

    private static List<Certificate> endpointCertificates(InstanceFacts facts) {
        if (!facts.endpoints().isRead() || !facts.certificates().isRead()) {
            return List.of();
        }
        List<Certificate> out = new ArrayList<>();
        for (MirroringEndpoint e : facts.endpoints().value()) {
            if (e.certificateId() == 0) {
                continue;
            }
            facts.certificates().value().stream()
                    .filter(c -> c.certificateId() == e.certificateId())
                    .findFirst()
                    .ifPresent(out::add);
        }
        return out;
    }

    private void endpointRows(List<InstanceFacts> owned, Map<String, Double> rows) {
        for (InstanceFacts facts : owned) {
            if (!facts.endpoints().isRead()) {
                continue;
            }
            for (MirroringEndpoint e : facts.endpoints().value()) {
                String mode;
                String algorithm;
                try {
                    var enc = e.encryption();
                    mode = enc.mode().name();
                    algorithm = enc.algorithms().isEmpty() ? "NONE" : String.join(" ", enc.algorithms());
                } catch (IllegalArgumentException unknownCode) {
                    mode = "UNKNOWN";
                    algorithm = "UNKNOWN";
                }
                rows.put(endpointInfo.key(facts.name(), e.name(), nz(e.stateDesc()), nz(e.roleDesc()),
                        nz(e.connectionAuthDesc()), mode, algorithm, e.port() == null ? "" : e.port().toString()), 1.0);
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
