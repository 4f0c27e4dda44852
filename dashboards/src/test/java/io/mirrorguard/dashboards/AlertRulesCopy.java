package io.mirrorguard.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** alerts.yml as shipped except for every alert's {@code for:}, so an end-to-end test sees alerts fire in seconds. */
final class AlertRulesCopy {
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for: )\\S+$");

    private AlertRulesCopy() {
    }

    /** Writes the copy to dir/alerts.yml; fails unless exactly one for: per alert was replaced. */
    static Path withFor(String duration, Path dir) throws IOException {
        String shipped = Files.readString(ModuleFiles.alertRules());
        Matcher m = FOR.matcher(shipped);
        int replaced = 0;
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + duration));
            replaced++;
        }
        m.appendTail(out);
        int alerts = AlertRules.shipped().alerts().size();
        if (replaced != alerts) {
            throw new IllegalStateException("replaced " + replaced + " for: lines in alerts.yml, which has " + alerts
                    + " alerts");
        }
        Path copy = dir.resolve("alerts.yml");
        Files.writeString(copy, out);
        return copy;
    }
}
