package io.mirrorguard.agent.console;

import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportFinding;
import io.mirrorguard.agent.report.TopologyLayout;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model of `/`: what to fix first, then who is up, then the trust picture. */
final class OverviewPage {

    record SeverityCount(String severity, long count) {}

    record InstanceRow(String name, boolean up, String state, String lastAudit, String lastAuditAge,
                       String lastFailure, long failing) {}

    /** One unwaived FAIL (or an ERROR) with what to do about it. */
    record Item(String ruleId, String title, String instance, String subject, String message, String fix,
                String severity) {}

    record InstanceGroup(String instance, List<Item> items) {}

    record SeverityGroup(String severity, long count, List<InstanceGroup> instances) {}

    private OverviewPage() {}

    static Map<String, Object> model(AuditReport report, List<InstanceStatus> statuses, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluatedAt", report == null ? "no audit yet" : Formats.time(report.snapshotTakenAt()));
        m.put("hasReport", report != null);
        m.put("instances", instances(report, statuses, now));
        if (report == null) {
            m.put("counts", List.of());
            m.put("failures", List.of());
            m.put("errors", List.of());
            m.put("topology", null);
            return m;
        }
        List<SeverityCount> counts = new ArrayList<>();
        List<SeverityGroup> groups = new ArrayList<>();
        for (Severity s : Severity.values()) { // declared most severe first
            List<ReportFinding> fails = report.findings().stream()
                    .filter(f -> f.finding().failing() && f.finding().severity() == s).toList();
            counts.add(new SeverityCount(s.name(), fails.size()));
            if (!fails.isEmpty()) {
                groups.add(new SeverityGroup(s.name(), fails.size(), byInstance(fails)));
            }
        }
        m.put("counts", counts);
        m.put("failures", groups);
        m.put("errors", report.findings().stream().filter(f -> f.finding().outcome() == Outcome.ERROR)
                .map(OverviewPage::item).toList());
        m.put("topology", TopologyLayout.of(report));
        return m;
    }

    private static List<InstanceGroup> byInstance(List<ReportFinding> fails) {
        Map<String, List<Item>> by = new LinkedHashMap<>();
        for (ReportFinding f : fails) {
            by.computeIfAbsent(String.valueOf(f.finding().instance()), k -> new ArrayList<>()).add(item(f));
        }
        List<InstanceGroup> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new InstanceGroup(k, v)));
        return out;
    }

    static Item item(ReportFinding rf) {
        Finding f = rf.finding();
        return new Item(f.ruleId(), rf.title(), f.instance(), f.subject(), f.message(),
                rf.rule() == null ? null : rf.rule().remediation(),
                f.severity() == null ? "" : f.severity().name());
    }

    private static List<InstanceRow> instances(AuditReport report, List<InstanceStatus> statuses, Instant now) {
        List<InstanceRow> rows = new ArrayList<>();
        for (InstanceStatus s : statuses) {
            long failing = report == null ? 0 : report.findings().stream()
                    .filter(f -> s.instance().equals(f.finding().instance()) && f.finding().failing()).count();
            String state = s.lastAuditAt() == null ? "not audited yet" : s.up() ? "up" : "down";
            rows.add(new InstanceRow(s.instance(), s.up(), state, Formats.time(s.lastAuditAt()),
                    Formats.age(s.lastAuditAt(), now), s.lastFailure(), failing));
        }
        return rows;
    }
}
