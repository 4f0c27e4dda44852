package io.mirrorguard.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's Prometheus metrics. Every per-thing family is a {@link GaugeFamily}: after each collection only that
 * instance's series are touched, after each evaluation series are updated in place, new ones registered and those of
 * instances, rules, peers and certificates that are gone removed. Labels carry only
 * names, enums and identifiers — never messages.
 *
 * <p>Two registries: the fleet's families (thousands of series, changed only by collections, evaluations and
 * remediations) are rendered once after each change and the bytes served to every scrape until the next one; the
 * process families (JVM, CPU, uptime: ~100 series that change all the time) are rendered per scrape.
 */
public final class AgentMetrics implements AutoCloseable {
    public static final String CONTENT_TYPE_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String CONTENT_TYPE_OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String FORMAT_TEXT = "text/plain; version=0.0.4";
    private static final String FORMAT_OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    private static final String EOF = "# EOF\n";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusMeterRegistry process = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final RuleDetail ruleDetail;
    /** Bumped by every change of the fleet registry; a rendering of an older generation is stale. */
    private long generation;
    private Rendering text;
    private Rendering openMetrics;
    private final GaugeFamily up;
    private final GaugeFamily duration;
    private final GaugeFamily lastSuccess;
    private final GaugeFamily findings;
    private final GaugeFamily ruleFailures;
    private final GaugeFamily ruleChecks;
    private final GaugeFamily checks;
    private final GaugeFamily peerTrust;
    private final GaugeFamily certificateNotAfter;
    private final GaugeFamily certificateNotBefore;
    private final GaugeFamily certificateInfo;
    private final GaugeFamily endpointInfo;
    private final Set<String> collected = new HashSet<>();

    /** With per-rule series for non-passing rules only ({@link RuleDetail#NONPASS}). */
    public AgentMetrics(String version) {
        this(version, RuleDetail.NONPASS);
    }

    /** Identified by this host's name in build_info's agent label (a single agent). */
    public AgentMetrics(String version, RuleDetail ruleDetail) {
        this(version, ruleDetail, io.mirrorguard.agent.config.HostName.local());
    }

    /** @param agent this agent's identity (a cluster's agent id), exported as build_info's agent label */
    public AgentMetrics(String version, RuleDetail ruleDetail, String agent) {
        this.ruleDetail = ruleDetail == null ? RuleDetail.NONPASS : ruleDetail;
        // names Prometheus lint rejects: an abbreviated unit (process_cpu_time_ns_total), a _count suffix on a gauge
        process.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        process.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
        new ClassLoaderMetrics().bindTo(process);
        new JvmMemoryMetrics().bindTo(process);
        gcMetrics.bindTo(process);
        new JvmThreadMetrics().bindTo(process);
        new ProcessorMetrics().bindTo(process);
        new UptimeMetrics().bindTo(process);
        new FileDescriptorMetrics().bindTo(process);

        Gauge.builder("mirrorguard.build.info", () -> 1)
                .description("Build of the running mirrorguard agent (value 1)")
                .tag("version", version == null ? "unknown" : version)
                .tag("agent", agent == null || agent.isBlank() ? "unknown" : agent)
                .register(process);
        up = multi("mirrorguard.instance.up", null,
                "1 when the last collection read the instance's catalog, 0 when it could not");
        duration = multi("mirrorguard.audit.duration", "seconds", "Duration of the instance's last audit collection");
        lastSuccess = multi("mirrorguard.audit.last.success.timestamp", "seconds",
                "Unix time of the instance's last successful audit collection");
        findings = multi("mirrorguard.findings", null,
                "Unwaived FAIL findings of the instance in the latest evaluation, by severity");
        ruleFailures = multi("mirrorguard.rule.failures", null, this.ruleDetail == RuleDetail.ALL
                ? "Unwaived FAIL findings of one rule on the instance in the latest evaluation (0 when it passes)"
                : "Unwaived FAIL findings of one rule on the instance in the latest evaluation (rules whose findings all pass omitted)");
        ruleChecks = multi("mirrorguard.rule.checks", null, this.ruleDetail == RuleDetail.ALL
                ? "Findings of one rule on the instance in the latest evaluation, by outcome (outcomes without findings omitted)"
                : "Findings of one rule on the instance in the latest evaluation, by outcome (outcomes without findings and rules whose findings all pass omitted)");
        checks = multi("mirrorguard.checks", null,
                "Findings of all rules on the instance in the latest evaluation, by outcome (outcomes without findings omitted)");
        peerTrust = multi("mirrorguard.peer.trust", null,
                "1 when the instance completely trusts the peer for certificate authentication, 0 when broken");
        certificateNotAfter = multi("mirrorguard.certificate.not.after.timestamp", "seconds",
                "Unix time after which the certificate is no longer valid");
        certificateNotBefore = multi("mirrorguard.certificate.not.before.timestamp", "seconds",
                "Unix time before which the certificate is not yet valid");
        certificateInfo = multi("mirrorguard.certificate.info", null,
                "Identity of an endpoint certificate or of a copy of a peer's endpoint certificate (value 1)");
        endpointInfo = multi("mirrorguard.endpoint.info", null,
                "Settings of the instance's DATABASE_MIRRORING endpoint (value 1)");
    }

    private GaugeFamily multi(String name, String baseUnit, String description) {
        return new GaugeFamily(registry, name, baseUnit, description);
    }

    /** The registry of the fleet's families (per instance, rule, peer, certificate); not the JVM's. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public RuleDetail ruleDetail() {
        return ruleDetail;
    }

    /** Creates the audit counters of every configured instance at 0, so rates work from the first audit. */
    public synchronized void registerInstances(Collection<String> instances) {
        generation++;
        for (String instance : instances) {
            auditCounter(instance, true);
            auditCounter(instance, false);
        }
    }

    private Counter auditCounter(String instance, boolean success) {
        return Counter.builder("mirrorguard.audits")
                .description("Audits of the instance by outcome (failure: the catalog could not be read)")
                .tags("instance", instance, "outcome", success ? "success" : "failure")
                .register(registry);
    }

    /** Creates the skipped-audit counters of every configured instance at 0, so increase() sees the first skip. */
    public synchronized void registerSkipReasons(Collection<String> instances, Collection<String> reasons) {
        generation++;
        for (String instance : instances) {
            for (String reason : reasons) {
                skippedCounter(instance, reason);
            }
        }
    }

    /** Counts periods in which the instance was not audited, by why (the scheduler's reasons). */
    public synchronized void recordSkipped(String instance, String reason, int periods) {
        // the fleet families are served from a rendering cached per generation: a skip must show in the next scrape
        generation++;
        skippedCounter(instance, reason).increment(periods);
    }

    private Counter skippedCounter(String instance, String reason) {
        return Counter.builder("mirrorguard.audits.skipped")
                .description("Periods in which the instance's scheduled audit did not run, by reason "
                        + "(overrun: the period ended before it could start; misfire: the cron firing was missed)")
                .tags("instance", instance, "reason", reason)
                .register(registry);
    }

    /** Records how collecting one instance went; touches only that instance's series. */
    public synchronized void recordCollection(String instance, boolean success, Duration took, Instant finishedAt) {
        generation++;
        auditCounter(instance, success).increment();
        collected.add(instance);
        Tags t = Tags.of("instance", instance);
        up.set(t, success ? 1 : 0);
        duration.set(t, took.toNanos() / 1e9);
        if (success) {
            // a failed collection keeps the previous success time (or none, so the series stays absent)
            lastSuccess.set(t, finishedAt.toEpochMilli() / 1000.0);
        }
    }

    /** Forgets instances no longer configured, and their collection series. */
    public synchronized void retainInstances(Set<String> instances) {
        generation++;
        for (Iterator<String> it = collected.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!instances.contains(name)) {
                Tags t = Tags.of("instance", name);
                up.remove(t);
                duration.remove(t);
                lastSuccess.remove(t);
                it.remove();
            }
        }
    }

    /** Replaces every finding, trust, certificate and endpoint series with those of the latest evaluation. */
    public synchronized void recordEvaluation(Evaluation evaluation) {
        generation++;
        List<InstanceFacts> instances = evaluation.snapshot().instances();
        Map<String, List<Finding>> byInstance = new HashMap<>();
        for (Finding f : evaluation.findings()) {
            if (f.instance() != null) {
                byInstance.computeIfAbsent(f.instance(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Tags, Integer> findingRows = new HashMap<>();
        Map<Tags, Long> failureRows = new HashMap<>();
        Map<Tags, Long> checkRows = new HashMap<>();
        Map<Tags, Long> totalRows = new HashMap<>();
        for (InstanceFacts facts : instances) {
            String instance = facts.name();
            List<Finding> own = byInstance.getOrDefault(instance, List.of());
            Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                bySeverity.put(s, 0);
            }
            own.stream().filter(Finding::failing).forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
            bySeverity.forEach((s, n) -> findingRows.put(Tags.of("instance", instance, "severity", s.name()), n));

            Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
            own.forEach(f -> totals.merge(f.outcome(), 1L, Long::sum));
            totals.forEach((o, n) -> totalRows.put(Tags.of("instance", instance, "outcome", o.name()), n));

            Map<String, List<Finding>> byRule = new TreeMap<>();
            own.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
            byRule.forEach((rule, list) -> {
                if (ruleDetail == RuleDetail.NONPASS && list.stream().allMatch(f -> f.outcome() == Outcome.PASS)) {
                    // a passing rule is the bulk of a healthy fleet's series (~50 of ~75 per instance); its
                    // PASS count is in mirrorguard_checks and its absence from rule_failures reads as 0 in `> 0`
                    return;
                }
                Severity severity = list.stream().map(Finding::severity)
                        .min(Enum::compareTo).orElse(Severity.INFO);
                long failing = list.stream().filter(Finding::failing).count();
                failureRows.put(Tags.of("instance", instance, "rule", rule, "severity", severity.name()), failing);
                // outcomes with no finding are left out: at 1,000 instances the zero rows were ~75,000 of the
                // ~147,000 samples of a scrape; sums over outcomes (the pass-ratio rules) are unchanged
                Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
                list.forEach(f -> byOutcome.merge(f.outcome(), 1L, Long::sum));
                byOutcome.forEach((o, n) -> checkRows.put(
                        Tags.of("instance", instance, "rule", rule, "outcome", o.name()), n));
            });
        }
        findings.replaceAll(findingRows);
        ruleFailures.replaceAll(failureRows);
        ruleChecks.replaceAll(checkRows);
        checks.replaceAll(totalRows);

        Map<Tags, Integer> trustRows = new LinkedHashMap<>();
        for (PeerTrust t : evaluation.trust()) {
            trustRows.merge(Tags.of("instance", t.instance(), "peer", t.peer()), t.complete() ? 1 : 0, Math::min);
        }
        peerTrust.replaceAll(trustRows);

        recordCertificates(instances);
        recordEndpoints(instances);
    }

    private void recordCertificates(List<InstanceFacts> instances) {
        // thumbprint of each instance's endpoint certificate -> that instance
        Map<String, String> endpointThumbprints = new HashMap<>();
        for (InstanceFacts facts : instances) {
            for (Certificate c : endpointCertificates(facts)) {
                if (c.thumbprint() != null) {
                    endpointThumbprints.putIfAbsent(c.thumbprint(), facts.name());
                }
            }
        }
        Map<Tags, Double> notAfter = new LinkedHashMap<>();
        Map<Tags, Double> notBefore = new LinkedHashMap<>();
        Map<Tags, Integer> info = new LinkedHashMap<>();
        for (InstanceFacts facts : instances) {
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
                Tags t = Tags.of("instance", facts.name(), "certificate", c.name(), "usage", usage);
                Instant after = c.expiryDate() != null ? c.expiryDate()
                        : c.details() != null ? c.details().notAfter() : null;
                Instant before = c.startDate() != null ? c.startDate()
                        : c.details() != null ? c.details().notBefore() : null;
                if (after != null) {
                    notAfter.put(t, after.toEpochMilli() / 1000.0);
                }
                if (before != null) {
                    notBefore.put(t, before.toEpochMilli() / 1000.0);
                }
                Integer keyBits = c.details() != null ? Integer.valueOf(c.details().keyBits()) : c.keyLength();
                info.put(Tags.of("instance", facts.name(), "certificate", c.name(),
                        "thumbprint", nz(c.thumbprint()), "subject", nz(c.subject()),
                        "key_bits", keyBits == null ? "" : keyBits.toString(),
                        "signature_algorithm", c.details() == null ? "" : nz(c.details().signatureAlgorithm())), 1);
            }
        }
        certificateNotAfter.replaceAll(notAfter);
        certificateNotBefore.replaceAll(notBefore);
        certificateInfo.replaceAll(info);
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

    private void recordEndpoints(List<InstanceFacts> instances) {
        Map<Tags, Integer> rows = new LinkedHashMap<>();
        for (InstanceFacts facts : instances) {
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
                rows.put(Tags.of("instance", facts.name(), "endpoint", e.name(), "state", nz(e.stateDesc()),
                        "role", nz(e.roleDesc()), "authentication", nz(e.connectionAuthDesc()),
                        "encryption", mode, "algorithm", algorithm,
                        "port", e.port() == null ? "" : e.port().toString()), 1);
            }
        }
        endpointInfo.replaceAll(rows);
    }

    /** Counts one remediation attempt; for the remediation engine. mode: dry_run|apply, outcome: success|failure|skipped. */
    public synchronized void recordRemediation(String instance, String rule, String mode, String outcome) {
        generation++;
        Counter.builder("mirrorguard.remediations")
                .description("Remediation attempts by instance, rule, mode and outcome")
                .tags("instance", instance, "rule", rule, "mode", mode, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** True when the Accept header asks for OpenMetrics. */
    public static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("application/openmetrics-text");
    }

    public static String contentType(String accept) {
        return wantsOpenMetrics(accept) ? CONTENT_TYPE_OPENMETRICS : CONTENT_TYPE_TEXT;
    }

    /** The exposition in the format {@link #contentType(String)} names for this Accept header. */
    public String scrape(String accept) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body(accept, false).parts().forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * What {@code /metrics} sends for this Accept header: the fleet's families as rendered after the last change
     * (rendered now if something changed since), then the process families of this moment.
     */
    public MetricsBody body(String accept, boolean gzip) {
        boolean om = wantsOpenMetrics(accept);
        Rendering fleet = fleet(om);
        byte[] own = process.scrape(om ? FORMAT_OPENMETRICS : FORMAT_TEXT).getBytes(StandardCharsets.UTF_8);
        return gzip
                ? new MetricsBody(contentType(accept), true, List.of(fleet.gzip(), Rendering.gzip(own)))
                : new MetricsBody(contentType(accept), false, List.of(fleet.plain(), own));
    }

    private synchronized Rendering fleet(boolean om) {
        Rendering r = om ? openMetrics : text;
        if (r == null || r.generation() != generation) {
            String rendered = registry.scrape(om ? FORMAT_OPENMETRICS : FORMAT_TEXT);
            if (om && rendered.endsWith(EOF)) {
                // the process part that follows ends the exposition
                rendered = rendered.substring(0, rendered.length() - EOF.length());
            }
            r = new Rendering(generation, rendered);
            if (om) {
                openMetrics = r;
            } else {
                text = r;
            }
        }
        return r;
    }

    public String scrape() {
        return scrape(null);
    }

    /**
     * The mirrorguard_* families a scrape shows after one audit of {@code snapshot} through {@code evaluator}: for
     * the dashboards' check that every metric they query exists.
     */
    public static Set<String> familyNamesAfterAudit(FleetSnapshot snapshot, FleetEvaluator evaluator) {
        try (AgentMetrics metrics = new AgentMetrics("test", RuleDetail.ALL)) {
            Instant now = snapshot.takenAt();
            for (InstanceFacts f : snapshot.instances()) {
                metrics.recordCollection(f.name(), f.collection().succeeded(),
                        Duration.ofMillis(f.collection().durationMillis()), now);
            }
            metrics.recordEvaluation(evaluator.evaluate(snapshot));
            String first = snapshot.instances().isEmpty() ? "none" : snapshot.instances().get(0).name();
            metrics.recordRemediation(first, "none", "dry_run", "skipped");
            metrics.recordSkipped(first, "overrun", 1);
            return Scrape.parse(metrics.scrape()).mirrorguardFamilies();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() {
        gcMetrics.close();
        process.close();
        registry.close();
    }
}
