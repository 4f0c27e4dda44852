package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.app.Daemon;
import io.mirrorguard.agent.remediation.DaemonRemediation;
import java.time.Clock;
import io.mirrorguard.rules.engine.PolicyException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The daemon: scheduled audits, the HTTP API and metrics, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent: scheduled audits, HTTP API (/api/v1), Prometheus metrics (/metrics).")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Agent config (docs/configuration.md).")
    Path config;

    @Option(names = "--http-port", paramLabel = "N", description = "Listen on this port instead of http.port.")
    Integer httpPort;

    @Override
    public Integer call() throws InterruptedException {
        HttpPorts.check(spec, httpPort);
        AgentConfig agentConfig = ConfigSupport.load(config);
        Daemon daemon = start(agentConfig, httpPort);
        daemon.stopOnShutdown();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("mirrorguard %s auditing %d instance(s) from %s%n", CliVersion.current(),
                agentConfig.instances().size(), config);
        out.printf("API and metrics on http://%s:%d (Ctrl-C stops)%n", agentConfig.http().bind(), daemon.httpPort());
        out.flush();
        daemon.awaitStopped();
        return ExitCodes.OK;
    }

    static Daemon start(AgentConfig config, Integer httpPort) {
        try {
            Daemon daemon = Daemon.start(config, httpPort);
            // remediation routes and (only when remediation.enabled) automatic fixes after each audit
            DaemonRemediation.attach(config, daemon, Clock.systemUTC());
            return daemon;
        } catch (PolicyException e) {
            throw new UserInputException("policy in " + config.source() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new StartupException("cannot start the agent: " + e.getMessage(), e);
        }
    }
}
