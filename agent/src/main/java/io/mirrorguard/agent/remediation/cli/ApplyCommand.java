package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Applies exactly the plan the operator reviewed: recomputed for the same flags, run only if its hash matches,
 * then verified by a fresh audit of the touched instances.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a reviewed plan (from `mirrorguard plan`) with the same selection flags.",
            "Nothing is sent if the fleet changed since the plan was reviewed (the hash differs).",
            "Exit 0 only when every action succeeded and its finding now passes."})
public final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--plan", paramLabel = "HASH", required = true, description = "The hash `plan` printed.")
    String hash;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        CommandSupport.Format f = CommandSupport.format(format);
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw new UserInputException("--plan: expected the 64-hex-digit hash `mirrorguard plan` printed, got "
                    + hash);
        }
        AgentConfig cfg = fleet.load();
        var selection = fleet.selection(cfg);
        try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC());
             RemediationService service = FleetOptions.service(cfg, auditor)) {
            RemediationService.ApplyResult result = service.apply(selection, hash, "cli");
            ApplyReportView.print(spec.commandLine().getOut(), spec.commandLine().getErr(), result, f);
            return result.allFixed() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
