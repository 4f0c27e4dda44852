package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.PlanView;
import io.mirrorguard.agent.remediation.RemediationService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Audits and prints the fixes for the selected FAILs; sends nothing but the collector's read-only batch. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the T-SQL that would fix the selected FAILs, and the plan hash to approve.",
            "Planning never changes a server: it audits with the audit login only."})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        CommandSupport.Format f = CommandSupport.format(format);
        AgentConfig cfg = fleet.load();
        var selection = fleet.selection(cfg);
        try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC());
             RemediationService service = FleetOptions.service(cfg, auditor)) {
            PlanView view = new PlanView(service.plan(selection).plan());
            PrintWriter out = spec.commandLine().getOut();
            if (f == CommandSupport.Format.JSON) {
                CommandSupport.printJson(out, view.json());
            } else {
                CommandSupport.printText(out, view.text());
            }
        }
        return ExitCodes.OK;
    }
}
