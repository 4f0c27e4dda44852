package io.mirrorguard.agent.app;

import io.mirrorguard.agent.audit.FleetEvaluator;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.daemon.Collector;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.daemon.RuleInfo;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.http.ApiServer;
import io.mirrorguard.agent.http.LatestReport;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.schedule.AuditScheduler;
import io.mirrorguard.agent.schedule.QuartzStoreProperties;
import io.mirrorguard.agent.metrics.ClusterMetrics;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.ClusterAgents;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.store.SharedStoreSettings;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.InstanceFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * The running agent: configuration → collector → rules engine → store → metrics → scheduler → HTTP. Stops in the
 * reverse order of what could still write: scheduler (interrupting running audits), then HTTP, then the store.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final AuditStore store;
    private final AgentMetrics metrics;
    private final AuditService audits;
    private final AuditScheduler scheduler;
    private final ApiServer api;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean stopping;

    private Daemon(AuditStore store, AgentMetrics metrics, AuditService audits, AuditScheduler scheduler,
                   ApiServer api) {
        this.store = store;
        this.metrics = metrics;
        this.audits = audits;
        this.scheduler = scheduler;
        this.api = api;
    }

    /**
     * {@code mirrorguard run}: the daemon for a loaded configuration, collecting over JDBC with the built-in rules.
     *
     * @param httpPortOverride {@code --http-port}, or null for {@code http.port}
     * @throws io.mirrorguard.rules.engine.PolicyException when the policy in the configuration is invalid
     */
    public static Daemon start(AgentConfig config, Integer httpPortOverride) {
        return start(config, httpPortOverride, true);
    }

    /** As {@link #start(AgentConfig, Integer)}; {@code auditOnStart} false leaves the first audit to the caller. */
    public static Daemon start(AgentConfig config, Integer httpPortOverride, boolean auditOnStart) {
        DaemonSettings settings = DaemonSettings.from(config, version());
        if (httpPortOverride != null) {
            settings = settings.withHttpPort(httpPortOverride);
        }
        if (!auditOnStart) {
            settings = settings.withoutAuditOnStart();
        }
        return start(config, settings);
    }

    /**
     * As {@link #start(AgentConfig, Integer)} with the settings already derived from {@code config} (e.g. several
     * agents of one cluster in one process, each with its own identity).
     */
    public static Daemon start(AgentConfig config, DaemonSettings settings) {
        RuleEngine engine = BuiltInRules.engine();
        Policy policy = config.toPolicy();
        policy.validate(engine.descriptors().stream().map(RuleDescriptor::id).collect(Collectors.toSet()));
        RuleEngineEvaluator evaluator = new RuleEngineEvaluator(engine, policy);
        FleetCollector fleet = new FleetCollector(config);
        Collector collector = new Collector() {
            @Override
            public InstanceFacts collect(String instance) {
                return fleet.collect(instance);
            }

            @Override
            public void cancel(String instance) {
                fleet.collector(instance).cancel();
            }
        };
        Daemon daemon;
        try {
            String version = settings.version();
            daemon = start(settings, collector, evaluator, evaluator::rules,
                    new LatestReport(engine.descriptors(), version), Clock.systemUTC());
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return daemon.closeOnStop(fleet);
    }

    /**
     * Starts everything; HTTP answers /healthz at once, /readyz once the first audit is done.
     *
     * @param rules the registered rules, for /api/v1/rules
     */
    public static Daemon start(DaemonSettings settings, Collector collector, FleetEvaluator evaluator,
                               Supplier<List<RuleInfo>> rules, LatestReport reports, Clock clock) {
        SharedStoreSettings cluster = settings.shared();
        SharedDatabase shared = cluster == null ? null : SharedDatabase.connect(cluster.url(), cluster.user(),
                cluster.password(), poolSize(settings.schedule().concurrency()));
        AuditStore store;
        try {
            store = shared != null ? AuditStore.shared(shared, cluster.agentId())
                    : settings.storagePath() == null ? null : AuditStore.open(settings.storagePath());
        } catch (RuntimeException e) {
            if (shared != null) {
                shared.close();
            }
            throw e;
        }
        AgentMetrics metrics = shared == null ? new AgentMetrics(settings.version(), settings.metrics().ruleDetail())
                : AgentMetrics.ofClusterAgent(settings.version(), settings.metrics().ruleDetail(), cluster.agentId());
        if (shared != null) {
            ClusterAgents agents = new ClusterAgents(shared);
            ClusterMetrics.register(metrics.perScrapeRegistry(), cluster.agentId(), () -> agents.alive(Instant.now()));
        }
        AuditService audits = null;
        AuditScheduler scheduler = null;
        ApiServer api = null;
        try {
            audits = new AuditService(settings.instances(), settings.links(), collector, evaluator, store, metrics,
                    clock, settings.schedule().concurrency(), Duration.ofDays(settings.retentionDays()));
            AuditService service = audits;
            if (shared != null) {
                audits.followCluster(cluster.checkinInterval());
            }
            scheduler = new AuditScheduler(settings.schedule(), service, shared == null
                    ? QuartzStoreProperties.inMemory()
                    : QuartzStoreProperties.clustered(ClusterAgents.SCHEDULER_NAME, cluster.agentId(),
                            shared.dataSource(), cluster.checkinInterval()));
            AuditScheduler sched = scheduler;
            api = new ApiServer(settings.http(), audits, metrics, rules, () -> {
                List<String> reasons = new ArrayList<>();
                if (!sched.isRunning()) {
                    reasons.add("scheduler not running");
                }
                if (!service.anyAuditDone()) {
                    reasons.add("no audit has completed yet");
                }
                if (shared != null && !shared.reachable()) {
                    reasons.add("degraded, read-only: the storage.url database cannot be reached; serving the "
                            + "last results");
                }
                return reasons;
            }, reports).start();
            scheduler.start(audits.instanceNames());
            LOG.info("mirrorguard {} auditing {} instance(s) on '{}', API on port {}", settings.version(),
                    settings.instances().size(), settings.schedule().cron(), api.port());
            Daemon daemon = new Daemon(store, metrics, audits, scheduler, api);
            return shared == null ? daemon : daemon.closeOnStop(shared);
        } catch (RuntimeException e) {
            Daemon failed = new Daemon(store, metrics, audits, scheduler, api);
            if (shared != null) {
                failed.closeOnStop(shared);
            }
            failed.stop();
            throw e;
        }
    }

    /**
     * Connections one agent may hold in the shared database: Quartz's workers plus its scheduler and cluster
     * threads, an audit lock per instance being collected (scheduled and on-demand), and the store's own.
     */
    static int poolSize(int concurrency) {
        return 2 * concurrency + 8;
    }

    public int httpPort() {
        return api.port();
    }

    public AuditService audits() {
        return audits;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    /** Serves the remediation routes of the HTTP API (they answer 404 until this is called). */
    public Daemon remediationApi(io.mirrorguard.agent.http.RemediationEndpoint endpoint) {
        api.remediation(endpoint);
        return this;
    }

    /** Closes {@code resource} (e.g. the collector's connections) on stop, after the scheduler and HTTP. */
    public Daemon closeOnStop(AutoCloseable resource) {
        resources.add(resource);
        return this;
    }

    /** The version the build was packaged as, or "dev" when run from classes. */
    public static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Stops on SIGTERM / Ctrl-C. */
    public Daemon stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "mirrorguard-shutdown"));
        return this;
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Idempotent: scheduler, then HTTP, then the audit service, the store and the metrics. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        LOG.info("mirrorguard stopping");
        try {
            quietly("scheduler", () -> {
                if (scheduler != null) {
                    scheduler.shutdown();
                }
            });
            quietly("HTTP", () -> {
                if (api != null) {
                    api.stop();
                }
            });
            quietly("audit service", () -> {
                if (audits != null) {
                    audits.close();
                }
            });
            for (AutoCloseable r : resources) {
                quietly(r.getClass().getSimpleName(), () -> {
                    try {
                        r.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
            }
            quietly("store", () -> {
                if (store != null) {
                    store.close();
                }
            });
            quietly("metrics", metrics::close);
            LOG.info("mirrorguard stopped");
        } finally {
            stopped.countDown();
        }
    }

    private static void quietly(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("stopping {} failed: {}", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
