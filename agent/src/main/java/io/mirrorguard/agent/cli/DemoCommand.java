package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.demo.FleetDemo;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.report.ReportFinding;
import io.mirrorguard.agent.report.TextReportRenderer;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.RuleEngine;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A drifted simulated fleet, the agent auditing it, and what to look at; Ctrl-C stops everything. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a simulated SQL Server fleet with drift and the agent auditing it (Ctrl-C stops).")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "N",
            description = "Port of the agent's HTTP API (default: " + FleetDemo.DEFAULT_HTTP_PORT + ").")
    Integer httpPort;

    @Override
    public Integer call() throws InterruptedException {
        HttpPorts.check(spec, httpPort);
        PrintWriter out = spec.commandLine().getOut();
        out.println("mirrorguard demo: starting a simulated fleet ...");
        out.flush();
        FleetDemo demo;
        try {
            demo = FleetDemo.start(httpPort == null ? FleetDemo.DEFAULT_HTTP_PORT : httpPort);
        } catch (Exception e) {
            throw new StartupException("cannot start the demo: " + e.getMessage(), e);
        }
        Thread stopper = new Thread(demo::close, "mirrorguard-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            describe(demo, out);
            Optional<AuditResult> first = demo.auditNow();
            if (first.isPresent()) {
                summarize(first.get(), out);
            } else {
                out.println("first audit: no result yet (see /api/v1/instances)");
            }
            out.println();
            out.println("Ctrl-C stops the agent and the simulated fleet.");
            out.flush();
            demo.awaitStopped();
        } finally {
            demo.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or has run
            }
        }
        return ExitCodes.OK;
    }

    private static void describe(FleetDemo demo, PrintWriter out) {
        out.printf("scenario %s (docs/simulator.md): %s%n", demo.scenario(), demo.simulator().ports().entrySet().stream()
                .map(e -> e.getKey() + " on 127.0.0.1:" + e.getValue()).toList());
        String base = "http://127.0.0.1:" + demo.daemon().httpPort();
        out.println("agent API on " + base + ":");
        out.println("  console   " + base + "/");
        out.println("  findings  " + base + "/api/v1/findings");
        out.println("  metrics   " + base + "/metrics");
        out.println("  report    " + base + "/api/v1/reports/latest?format=html");
        out.println("  rules     " + base + "/api/v1/rules");
        demo.tokenFile().ifPresent(token -> out.println("  new audit curl -X POST -H \"Authorization: Bearer $(cat "
                + token + ")\" " + base + "/api/v1/audits"));
        out.println("audit the same fleet from the CLI (while the demo runs):");
        out.println("  java -jar agent/target/mirrorguard.jar audit --config " + demo.configFile());
        out.flush();
    }

    private static void summarize(AuditResult result, PrintWriter out) {
        AuditReport report = AuditReport.of(result, BuiltInRules.engine().descriptors(),
                ReportContext.of(CliVersion.current()));
        out.println();
        out.println("first audit: " + TextReportRenderer.summaryLine(report.summary()));
        for (ReportFinding f : report.findings()) {
            if (f.finding().failing()) {
                out.printf("  x %-8s %-40s %s%n", f.finding().severity(), f.ruleId(), f.finding().subject());
            }
        }
    }
}
