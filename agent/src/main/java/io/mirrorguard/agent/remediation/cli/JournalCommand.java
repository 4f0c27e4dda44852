package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.Journal;
import io.mirrorguard.agent.remediation.JournalEntry;
import io.mirrorguard.agent.remediation.RemediationService;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows the remediation journal: every action's latest state, oldest first. Reads no server; with storage.url the
 * whole cluster's journal, each entry with the agent that ran it.
 */
@Command(name = "journal", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show the remediation journal (storage.path/" + RemediationService.JOURNAL_FILE
                + ", or the cluster's with storage.url).")
public final class JournalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Agent config.")
    java.nio.file.Path config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        CommandSupport.Format f = CommandSupport.format(format);
        FleetOptions o = new FleetOptions();
        o.config = config;
        AgentConfig cfg = o.load();
        List<JournalEntry> entries;
        String location;
        try (Journal journal = RemediationService.openJournal(cfg)) {
            entries = journal.read();
            location = journal.location();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (f == CommandSupport.Format.JSON) {
            CommandSupport.printJson(out, Map.of("journal", location, "entries", entries));
        } else {
            StringBuilder b = new StringBuilder();
            b.append(entries.size()).append(" journal entr").append(entries.size() == 1 ? "y" : "ies")
                    .append(" in ").append(location).append('\n');
            for (JournalEntry e : entries) {
                b.append(e.startedAt()).append("  ").append(e.status()).append("  ").append(e.mode()).append('/')
                        .append(e.trigger()).append("  ").append(e.ruleId()).append(" on ").append(e.instance())
                        .append(e.peer() == null ? "" : " (peer " + e.peer() + ")")
                        .append("  plan ").append(e.planHash(), 0, Math.min(12, e.planHash().length()));
                if (e.agent() != null) {
                    b.append("  by ").append(e.agent());
                }
                if (e.postAudit() != null) {
                    b.append("  after: ").append(e.postAudit());
                }
                if (e.error() != null) {
                    b.append("\n    ").append(e.error());
                }
                b.append('\n');
            }
            CommandSupport.printText(out, b.toString());
        }
        return ExitCodes.OK;
    }
}
