package io.mirrorguard.simulator.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-readable part of a scenario's leading comment block: {@code -- expect-fail: rule@INSTANCE[<-PEER], ...}
 * (may repeat; empty means nothing must fail) and {@code -- simulator-only} (uses {@code :clock} or {@code :fault}).
 * End-to-end tests use it to check that the audit finds what the scenario broke.
 *
 * @param expectFail      the findings that must FAIL; for rules reported once per link either order of the pair
 *                        is acceptable
 * @param simulatorOnly   the scenario needs simulator extensions and cannot run on a real server
 */
public record ScenarioHeader(List<ExpectedFailure> expectFail, boolean simulatorOnly, boolean declaresExpectations) {

    private static final Pattern EXPECT = Pattern.compile("--\\s*expect-fail:(.*)");
    private static final Pattern ITEM = Pattern.compile("([a-z0-9-]+)@([^<,\\s]+)(?:<-([^,\\s]+))?");

    public ScenarioHeader {
        expectFail = List.copyOf(expectFail);
    }

    /** One finding a scenario must produce: {@code ruleId} FAILs for {@code instance} (and {@code peer}, or null). */
    public record ExpectedFailure(String ruleId, String instance, String peer) {
        @Override
        public String toString() {
            return ruleId + "@" + instance + (peer == null ? "" : "<-" + peer);
        }
    }

    public static ScenarioHeader read(ScenarioSource source) throws IOException {
        List<ExpectedFailure> items = new ArrayList<>();
        boolean simulatorOnly = false;
        boolean declared = false;
        String[] lines = source.read().split("\r\n|\r|\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            if (!line.startsWith("--")) break; // the header ends at the first line that is not a comment
            if (line.matches("--\\s*simulator-only.*")) simulatorOnly = true;
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                declared = true;
                for (String raw : m.group(1).split(",")) {
                    String item = raw.strip();
                    if (item.isEmpty()) continue;
                    Matcher im = ITEM.matcher(item);
                    if (!im.matches()) {
                        throw new ScenarioException(new SourceLine(source.name(), i + 1),
                                "expect-fail item '" + item + "' is not rule-id@INSTANCE[<-PEER]");
                    }
                    items.add(new ExpectedFailure(im.group(1), im.group(2), im.group(3)));
                }
            }
        }
        return new ScenarioHeader(items, simulatorOnly, declared);
    }
}
