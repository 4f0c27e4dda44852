package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The `mirrorguard` command. New subcommands (plan, apply, journal) are added to the {@code subcommands} list below;
 * a subcommand reports bad input by throwing {@link UserInputException} (exit 2) and returns its own exit code.
 */
@Command(
        name = "mirrorguard",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "Audits SQL Server database-mirroring and availability-group endpoint certificate security "
                + "across a fleet.",
        subcommands = {
            AuditCommand.class,
            RulesCommand.class,
            RunCommand.class,
            DemoCommand.class,
            io.mirrorguard.agent.remediation.cli.PlanCommand.class,
            io.mirrorguard.agent.remediation.cli.ApplyCommand.class,
            io.mirrorguard.agent.remediation.cli.JournalCommand.class,
            io.mirrorguard.agent.remediation.cli.RotateCommand.class,
            HealthcheckCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:audit passed (no unwaived FAIL at or above --fail-on)",
            "1:audit found an unwaived FAIL at or above --fail-on",
            "2:usage or input error (nothing was audited)",
            "3:unexpected internal or environment error"
        })
public final class MirrorguardCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // no subcommand: show what there is, as a usage error
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code setOut}/{@code setErr} on it and then execute. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MirrorguardCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(MirrorguardCli::handleExecutionException);
        return cl;
    }

    /** Runs with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserInputException) {
            err.println("mirrorguard " + cl.getCommandName() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof StartupException || e instanceof StoreException) {
            // StoreException: the configured storage (e.g. the cluster's PostgreSQL) cannot be used; its message
            // names storage.url and the cause, never the password
            err.println("mirrorguard " + cl.getCommandName() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INTERNAL;
        }
        err.println("mirrorguard " + cl.getCommandName() + ": unexpected error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
