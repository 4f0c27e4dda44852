package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.report.ReportFormat;
import io.mirrorguard.agent.report.DocLinks;
import io.mirrorguard.agent.report.ReportRenderer;
import io.mirrorguard.agent.report.SarifReportRenderer;
import io.mirrorguard.agent.report.TextReportRenderer;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.PolicyException;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.FleetSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * One audit, printed or written in one format: from a saved snapshot (no server needed) or by collecting the fleet a
 * config file describes.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Audit a fleet once and report: a saved --snapshot (no server needed), or the fleet a "
                + "--config describes (collected now).")
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "Snapshot JSON to evaluate (docs/snapshot-format.md).")
    Path snapshot;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Agent config (docs/configuration.md): the fleet to collect, or with --snapshot only its policy.")
    Path config;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "Collect only this configured instance (repeatable; with --config, not with --snapshot).")
    List<String> instances;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "json, text, sarif, junit, html or md (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            description = "Exit 1 when an unwaived FAIL is at or above this severity: "
                    + "CRITICAL, HIGH, MEDIUM, LOW or INFO (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(names = "--ascii", description = "Text format: ASCII marks (+ x - !) instead of \u2714 \u2718 \u2013 !.")
    boolean ascii;

    @Option(names = "--docs-base-uri", paramLabel = "URI",
            description = "Absolute URI that docs/rules/<id>.md resolves against: SARIF helpUri, HTML and Markdown "
                    + "links (default on GitHub Actions: this repository at this commit; else links are relative "
                    + "to the repository root).")
    String docsBaseUri;

    @Option(names = "--omit-pass", description = "SARIF: leave PASS results out (failures, errors and "
            + "not-applicable checks stay).")
    boolean omitPass;

    @Override
    public Integer call() {
        if (snapshot == null && config == null) {
            throw new ParameterException(spec.commandLine(), "give --snapshot FILE or --config FILE");
        }
        if (snapshot != null && instances != null && !instances.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--instance selects instances to collect; it cannot filter a --snapshot");
        }
        if (omitPass && format != ReportFormat.SARIF) {
            throw new ParameterException(spec.commandLine(), "--omit-pass applies to --format sarif only");
        }
        requireOutputDirectory();
        FleetSnapshot facts;
        FleetScope scope = FleetScope.snapshotOnly();
        Policy policy;
        String source;
        if (snapshot != null) {
            policy = config == null ? Policy.defaults() : ConfigSupport.policy(config);
            facts = SnapshotFiles.read(snapshot);
            source = null;
        } else {
            ConfigSupport.Collected collected = ConfigSupport.collect(config, instances);
            facts = collected.snapshot();
            policy = collected.policy();
            scope = collected.scope();
            source = config.toString();
        }

        RuleEngine engine = BuiltInRules.engine();
        AuditResult result;
        try {
            result = engine.evaluate(facts, policy,
                    facts.takenAt() != null ? facts.takenAt() : Instant.now(), scope);
        } catch (PolicyException e) {
            throw new UserInputException("policy in " + config + ": " + e.getMessage(), e);
        }
        AuditReport report = AuditReport.of(result, engine.descriptors(),
                new ReportContext(CliVersion.current(), Instant.now(), source, Map.of()));
        String rendered = renderer().render(report);

        PrintWriter out = spec.commandLine().getOut();
        long failing = report.failingAtOrAbove(failOn);
        if (output == null) {
            out.print(rendered);
        } else {
            write(output, rendered);
            out.printf("wrote %s report to %s: %d instance(s), %d unwaived FAIL at or above %s%n",
                    format.name().toLowerCase(), output, report.summary().instances(), failing, failOn);
        }
        out.flush();
        return failing > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private ReportRenderer renderer() {
        String docsBase = docsBaseUri != null ? docsBaseUri : gitHubDocsBase();
        return switch (format) {
            case TEXT -> new TextReportRenderer(ascii);
            case SARIF -> new SarifReportRenderer(docsBase, omitPass,
                    config != null && snapshot == null ? ConfigEntryLines.of(config) : Map.of());
            default -> format.renderer(DocLinks.repository(docsBase));
        };
    }

    /** On GitHub Actions, rule docs live in the audited repository at the audited commit. */
    private static String gitHubDocsBase() {
        String server = System.getenv("GITHUB_SERVER_URL");
        String repo = System.getenv("GITHUB_REPOSITORY");
        String sha = System.getenv("GITHUB_SHA");
        if (server == null || repo == null || sha == null) {
            return null;
        }
        return server + "/" + repo + "/blob/" + sha + "/";
    }

    /**
     * Checked before any server is contacted. A missing directory is not created: a typo in the path would otherwise
     * put the report where nobody looks for it.
     */
    private void requireOutputDirectory() {
        if (output == null) {
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserInputException("--output " + output + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(output)) {
            throw new UserInputException("--output " + output + ": is a directory, expected a file name");
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot write report to " + file + ": " + e.getMessage(), e);
        }
    }

    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
