import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.daemon.Collector;
import io.mirrorguard.agent.daemon.Daemon;
import io.mirrorguard.agent.daemon.DaemonSettings;
import io.mirrorguard.agent.daemon.RuleEngineEvaluator;
import io.mirrorguard.agent.http.JsonReportRenderer;
import io.mirrorguard.agent.schedule.ScheduleSettings;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.InstanceFacts;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Starts the agent daemon for the benchmark. Stops on SIGTERM.
 * <pre>java -cp agent/target/mirrorguard.jar bench/RunDaemon.java CONFIG.yml HTTP_PORT [--no-audit-on-start]</pre>
 * Without the flag: exactly Daemon.start(config, port), what `mirrorguard run` does (for builds whose CLI has no
 * `run` yet). With it: the same wiring (collector, rules engine, store, metrics, scheduler, HTTP) but no audit of
 * every instance at start, so that a single fleet audit (POST /api/v1/audits) can be measured on its own; the
 * /api/v1/reports route then serves JSON only.
 */
public final class RunDaemon {
    public static void main(String[] args) throws Exception {
        AgentConfig config = ConfigLoader.load(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        boolean auditOnStart = !(args.length > 2 && args[2].equals("--no-audit-on-start"));
        Daemon daemon = auditOnStart ? Daemon.start(config, port) : withoutStartAudit(config, port);
        daemon.stopOnShutdown().awaitStopped();
    }

    private static Daemon withoutStartAudit(AgentConfig config, int port) {
        DaemonSettings from = DaemonSettings.from(config, Daemon.version()).withHttpPort(port);
        ScheduleSettings s = from.schedule();
        DaemonSettings settings = new DaemonSettings(from.instances(), from.links(),
                new ScheduleSettings(s.cron(), s.jitterSeconds(), s.concurrency(), false), from.http(),
                from.storagePath(), from.retentionDays(), from.version());
        RuleEngineEvaluator evaluator = new RuleEngineEvaluator(BuiltInRules.engine(), config.toPolicy());
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
        return Daemon.start(settings, collector, evaluator, evaluator::rules, new JsonReportRenderer(),
                Clock.systemUTC()).closeOnStop(fleet);
    }
}
