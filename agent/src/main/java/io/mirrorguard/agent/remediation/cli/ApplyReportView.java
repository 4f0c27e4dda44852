package io.mirrorguard.agent.remediation.cli;

import io.mirrorguard.agent.remediation.ApplyView;
import io.mirrorguard.agent.remediation.RemediationService;
import java.io.PrintWriter;

/** Prints an apply result; the refusal message goes to stderr as well as into the report. */
final class ApplyReportView {

    static final String FLEET_CHANGED = "fleet changed since the plan was reviewed";

    private ApplyReportView() {}

    static void print(PrintWriter out, PrintWriter err, RemediationService.ApplyResult result,
                      CommandSupport.Format format) {
        if (!result.applied()) {
            err.println("mirrorguard apply: " + FLEET_CHANGED + " (reviewed " + result.reviewedHash()
                    + ", now " + result.currentHash() + "); nothing was sent. Run `mirrorguard plan` again.");
            err.flush();
        }
        if (format == CommandSupport.Format.JSON) {
            CommandSupport.printJson(out, ApplyView.json(result));
        } else {
            CommandSupport.printText(out, ApplyView.text(result));
        }
    }
}
