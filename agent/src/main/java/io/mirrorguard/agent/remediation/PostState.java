package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks an action's expected post-state ({@code ruleId@instance} or {@code ruleId@instance<-peer}) against a fresh
 * audit. A finding that is missing or could not be judged (ERROR) is never taken as fixed.
 */
public final class PostState {

    /** @param summary {@code PASS}, or what still does not pass, e.g. {@code FAIL peer-login-connect-granted@A<-B} */
    public record Verdict(boolean passed, String summary) {}

    /** One expected finding, parsed. */
    record Expected(String ruleId, String instance, String peer) {
        static Expected parse(String text) {
            int at = text.indexOf('@');
            if (at <= 0) {
                throw new IllegalArgumentException("expected post-state without '@': " + text);
            }
            String rest = text.substring(at + 1);
            int arrow = rest.indexOf("<-");
            return arrow < 0 ? new Expected(text.substring(0, at), rest, null)
                    : new Expected(text.substring(0, at), rest.substring(0, arrow), rest.substring(arrow + 2));
        }
    }

    private PostState() {}

    /** The instances whose facts decide the expected findings (the trusting side of each). */
    static List<String> instancesOf(List<String> expected) {
        return expected.stream().map(e -> Expected.parse(e).instance()).distinct().toList();
    }

    public static Verdict check(List<String> expected, AuditResult after) {
        List<String> problems = new ArrayList<>();
        for (String text : expected) {
            Expected e = Expected.parse(text);
            List<Finding> matching = after.findings().stream()
                    .filter(f -> f.ruleId().equals(e.ruleId()) && f.instance().equalsIgnoreCase(e.instance())
                            && (e.peer() == null || e.peer().equalsIgnoreCase(Objects.toString(f.peer(), ""))))
                    .toList();
            if (matching.isEmpty()) {
                problems.add("MISSING " + text);
            } else {
                matching.stream().filter(f -> f.outcome() != Outcome.PASS).findFirst()
                        .ifPresent(f -> problems.add(f.outcome() + " " + text));
            }
        }
        return problems.isEmpty() ? new Verdict(true, "PASS") : new Verdict(false, String.join("; ", problems));
    }
}
