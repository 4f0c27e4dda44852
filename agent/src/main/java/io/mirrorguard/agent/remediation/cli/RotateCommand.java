package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.ApplyView;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.PlanView;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.rules.remediation.rotation.RotationRequest;
import io.mirrorguard.rules.remediation.rotation.RotationStage;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One step of an endpoint certificate rotation at a time. The step is derived from the fleet's facts, so running
 * the command again after a crash shows where the rotation stands and what comes next.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show (or, with --apply --plan HASH, apply) the next step of rotating an instance's endpoint"
                + " certificate.",
            "Stages: CREATE_CERTIFICATE, INSTALL_ON_PEERS, SWITCH_ENDPOINT (disruptive), VERIFY_SESSIONS,"
                + " REMOVE_OLD, DONE."})
public final class RotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Agent config.")
    java.nio.file.Path config;

    @Option(names = "--instance", paramLabel = "NAME", required = true,
            description = "Instance whose certificate rotates; repeat it to rotate several together (every replica of"
                    + " an availability group), staged so no peer ever meets an untrusted key.")
    java.util.List<String> instances;

    @Option(names = "--new-certificate", paramLabel = "NAME", required = true,
            description = "Name of the new endpoint certificate in master; with several --instance, each instance's"
                    + " certificate is NAME_<instance>.")
    String newCertificate;

    @Option(names = "--valid-days", paramLabel = "N", defaultValue = "365",
            description = "Validity of the new certificate from today (UTC midnight) (default: ${DEFAULT-VALUE}).")
    int validDays;

    @Option(names = "--apply", description = "Apply the shown step (needs --plan).")
    boolean apply;

    @Option(names = "--plan", paramLabel = "HASH", description = "The hash the step was shown with.")
    String hash;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "json or text.")
    String format;

    @Override
    public Integer call() {
        CommandSupport.Format f = CommandSupport.format(format);
        if (apply != (hash != null)) {
            throw new UserInputException("--apply and --plan HASH go together");
        }
        if (validDays < 1 || validDays > 36500) {
            throw new UserInputException("--valid-days: must be between 1 and 36500, got " + validDays);
        }
        FleetOptions o = new FleetOptions();
        o.config = config;
        AgentConfig cfg = o.load();
        java.util.List<RotationRequest> request = new java.util.ArrayList<>();
        Instant now = Clock.systemUTC().instant();
        for (String instance : instances) {
            String name = CommandSupport.instanceName(cfg, instance, "--instance");
            if (request.stream().anyMatch(r -> r.instance().equals(name))) {
                throw new UserInputException("--instance: " + name + " is given twice");
            }
            request.add(request(name, instances.size() == 1 ? newCertificate : newCertificate + "_" + name, validDays,
                    now));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC());
             RemediationService service = FleetOptions.service(cfg, auditor)) {
            if (!apply) {
                RemediationService.RotationPlan step = service.rotation(request);
                print(out, f, step, null);
                return step.step().stage() == RotationStage.BLOCKED ? ExitCodes.FINDINGS : ExitCodes.OK;
            }
            RemediationService.RotationApply done = service.applyRotation(request, hash, "cli-rotate");
            if (!done.result().applied()) {
                spec.commandLine().getErr().println("mirrorguard rotate: " + ApplyReportView.FLEET_CHANGED
                        + "; nothing was sent. Run `mirrorguard rotate` again without --apply.");
                spec.commandLine().getErr().flush();
            }
            print(out, f, done.applied(), done);
            return done.result().applied() && done.result().actions().stream()
                    .allMatch(a -> a.outcome().status() == io.mirrorguard.agent.remediation.JournalEntry.Status.SUCCEEDED)
                    ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    /**
     * Dates fixed to the day, so showing a step and applying it on the same day give the same hash; a new subject
     * names the instance so the certificate is recognisable in sys.certificates.
     */
    public static RotationRequest request(String instance, String certificate, int validDays, Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.DAYS);
        return new RotationRequest(instance, certificate, instance + " database mirroring endpoint", start,
                start.plus(Duration.ofDays(validDays)));
    }

    private static void print(PrintWriter out, CommandSupport.Format f, RemediationService.RotationPlan step,
                              RemediationService.RotationApply done) {
        if (f == CommandSupport.Format.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", step.step().stage().name());
            m.put("explanation", step.step().explanation());
            m.put("plan", new PlanView(step.planned().plan()).json());
            if (done != null) {
                m.put("result", ApplyView.json(done.result()));
                if (done.next() != null) {
                    m.put("nextStage", done.next().step().stage().name());
                    m.put("nextExplanation", done.next().step().explanation());
                }
            }
            CommandSupport.printJson(out, m);
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append("stage ").append(step.step().stage()).append(": ").append(step.step().explanation()).append('\n');
        if (!step.planned().plan().isEmpty()) {
            b.append(new PlanView(step.planned().plan()).text());
        }
        if (done != null) {
            b.append(ApplyView.text(done.result()));
            if (done.next() != null) {
                b.append("next: ").append(done.next().step().stage()).append(": ")
                        .append(done.next().step().explanation()).append('\n');
            }
        }
        CommandSupport.printText(out, b.toString());
    }
}
