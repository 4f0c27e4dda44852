package io.mirrorguard.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static io.mirrorguard.agent.metrics.Exposition.Type.COUNTER;

/**
 * The agent's Prometheus metrics. The fleet's families ({@code mirrorguard_*} per instance, rule, peer, certificate)
 * are rows written by {@link Exposition}, each family rendered again only when its rows change: an evaluation
 * renders its families on the evaluator thread before they replace the previous ones, so a scrape never renders
 * them and never sees half of an evaluation; a collection changes a few small families, rendered by the next
 * scrape. The process families (JVM, CPU, uptime, build info, cluster agents: ~100 series that change all the time)
 * are Micrometer's, rendered per scrape. Labels carry only names, enums and identifiers — never messages.
 *
 * <p>In a cluster ({@link #ofClusterAgent}), an instance's per-instance gauges are exported by the agent that owns it
 * (assigned to it among the alive agents; {@link #recordEvaluation(Evaluation, OwnedInstances)}), collection gauges
 * included, from the shared facts: so the union of the agents' scrapes has each series once, and it stays with its
 * owner whichever agent audits the instance. Counters count what this agent did and carry its identity in
 * {@code agent}: summed over agents they are the cluster's.
 */
public final class AgentMetrics implements AutoCloseable {
    public static final String CONTENT_TYPE_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String CONTENT_TYPE_OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String FORMAT_TEXT = "text/plain; version=0.0.4";
    private static final String FORMAT_OPENMETRICS = "application/openmetrics-text; version=1.0.0";

    private final PrometheusMeterRegistry process = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final RuleDetail ruleDetail;
    private final String agent;
    private final CollectionSeries collections;
    private final EvaluationSeries evaluations;
    private final SeriesFamily audits;
    private final SeriesFamily skipped;
    private final SeriesFamily remediations;
    /** Every fleet family, in name order. */
    private final List<SeriesFamily> families;
    /** One evaluation is prepared at a time (the evaluator thread; tests call from one thread too). */
    private final Object preparing = new Object();
    /** Set by the first scrape that accepts gzip: evaluations then compress their families before installing them. */
    private volatile boolean gzipWanted;

    /** With per-rule series for non-passing rules only ({@link RuleDetail#NONPASS}). */
    public AgentMetrics(String version) {
        this(version, RuleDetail.NONPASS);
    }

    /** Identified by this host's name in build_info's agent label (a single agent). */
    public AgentMetrics(String version, RuleDetail ruleDetail) {
        this(version, ruleDetail, io.mirrorguard.agent.config.HostName.local());
    }

    /** @param agent this agent's identity: the agent label of build_info and the counters */
    public AgentMetrics(String version, RuleDetail ruleDetail, String agent) {
        this(version, ruleDetail, agent, false);
    }

    /**
     * An agent of a cluster: its collection gauges come from the shared facts of the instances it owns, given at each
     * evaluation, never from its own collections (which only count).
     *
     * @param agentId the cluster's agent id: the agent label of build_info and the counters
     */
    public static AgentMetrics ofClusterAgent(String version, RuleDetail ruleDetail, String agentId) {
        return new AgentMetrics(version, ruleDetail, agentId, true);
    }

    private AgentMetrics(String version, RuleDetail ruleDetail, String agent, boolean inCluster) {
        this.collections = new CollectionSeries(inCluster);
        this.ruleDetail = ruleDetail == null ? RuleDetail.NONPASS : ruleDetail;
        this.agent = agent == null || agent.isBlank() ? "unknown" : agent;
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
                .tag("agent", this.agent)
                .register(process);
        evaluations = new EvaluationSeries(this.ruleDetail);
        audits = new SeriesFamily(MetricFamilies.AUDITS, COUNTER,
                "Audits of the instance by this agent, by outcome (failure: the catalog could not be read)",
                "agent", "instance", "outcome");
        skipped = new SeriesFamily(MetricFamilies.AUDITS_SKIPPED, COUNTER,
                "Periods in which the instance's scheduled audit did not run on this agent, by reason "
                        + "(overrun: the period ended before it could start; misfire: the cron firing was missed)",
                "agent", "instance", "reason");
        remediations = new SeriesFamily(MetricFamilies.REMEDIATIONS, COUNTER,
                "Remediation attempts by this agent, by instance, rule, mode and outcome",
                "agent", "instance", "rule", "mode", "outcome");
        List<SeriesFamily> all = new ArrayList<>(collections.families());
        all.addAll(evaluations.families());
        all.addAll(List.of(audits, skipped, remediations));
        all.sort(Comparator.comparing(SeriesFamily::name));
        families = List.copyOf(all);
    }

    /** The meters read at every scrape (JVM, process, build info): where cluster-wide gauges register. */
    public MeterRegistry perScrapeRegistry() {
        return process;
    }

    public RuleDetail ruleDetail() {
        return ruleDetail;
    }

    /** Creates the audit counters of every configured instance at 0, so rates work from the first audit. */
    public synchronized void registerInstances(Collection<String> instances) {
        for (String instance : instances) {
            audits.create(audits.key(agent, instance, "success"));
            audits.create(audits.key(agent, instance, "failure"));
        }
    }

    /** Creates the skipped-audit counters of every configured instance at 0, so increase() sees the first skip. */
    public synchronized void registerSkipReasons(Collection<String> instances, Collection<String> reasons) {
        for (String instance : instances) {
            for (String reason : reasons) {
                skipped.create(skipped.key(agent, instance, reason));
            }
        }
    }

    /** Counts periods in which the instance was not audited, by why (the scheduler's reasons). */
    public synchronized void recordSkipped(String instance, String reason, int periods) {
        skipped.add(skipped.key(agent, instance, reason), periods);
    }

    /** Records how collecting one instance went (in a cluster, only in the counters); touches only that instance. */
    public synchronized void recordCollection(String instance, boolean success, Duration took, Instant finishedAt) {
        audits.add(audits.key(agent, instance, success ? "success" : "failure"), 1);
        collections.record(instance, success, took.toNanos() / 1e9, finishedAt.toEpochMilli() / 1000.0);
    }

    /** Forgets instances no longer configured, and their collection series. */
    public synchronized void retainInstances(Set<String> instances) {
        collections.retain(instances);
    }

    /** As an agent on its own, which owns every instance. */
    public void recordEvaluation(Evaluation evaluation) {
        recordEvaluation(evaluation, OwnedInstances.all());
    }

    /**
     * Replaces every finding, trust, certificate and endpoint series with those of the latest evaluation, for the
     * instances this agent owns, and in a cluster the collection series with the owned instances' shared ones.
     * The new series are rendered before they replace the old ones: scrapes meanwhile get the previous evaluation.
     */
    public void recordEvaluation(Evaluation evaluation, OwnedInstances owned) {
        synchronized (preparing) {
            EvaluationSeries.Prepared prepared = evaluations.prepare(evaluation, owned::owns, gzipWanted);
            synchronized (this) {
                evaluations.install(prepared);
                collections.owned(owned);
            }
        }
    }

    /** Counts one remediation attempt; for the remediation engine. mode: dry_run|apply, outcome: success|failure|skipped. */
    public synchronized void recordRemediation(String instance, String rule, String mode, String outcome) {
        remediations.add(remediations.key(agent, instance, rule, mode, outcome), 1);
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

    public String scrape() {
        return scrape(null);
    }

    /**
     * What {@code /metrics} sends for this Accept header: the fleet's families as they are now (each rendered when
     * it last changed; a collection's few series are rendered here), then the process families of this moment, which
     * end an OpenMetrics exposition with its {@code # EOF}.
     */
    public MetricsBody body(String accept, boolean gzip) {
        boolean om = wantsOpenMetrics(accept);
        if (gzip) {
            gzipWanted = true;
        }
        List<Rendering> fleet = new ArrayList<>();
        synchronized (this) {
            // one consistent state: no evaluation is installed and no collection recorded while the parts are taken
            families.forEach(f -> fleet.addAll(f.parts(om)));
        }
        byte[] own = process.scrape(om ? FORMAT_OPENMETRICS : FORMAT_TEXT).getBytes(StandardCharsets.UTF_8);
        List<byte[]> parts = new ArrayList<>(fleet.size() + 1);
        fleet.forEach(r -> parts.add(gzip ? r.gzip() : r.plain()));
        parts.add(gzip ? Rendering.gzip(own) : own);
        return new MetricsBody(contentType(accept), gzip, parts);
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

    @Override
    public void close() {
        gcMetrics.close();
        process.close();
    }
}
