package io.mirrorguard.agent.console;

import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ChecklistSection;
import io.mirrorguard.agent.report.InstanceReport;
import io.mirrorguard.agent.report.ReportFinding;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model of one instance's page: its checklist with evidence, then its findings' history. */
final class InstancePage {

    record Fact(String name, String value) {}

    record Item(String outcome, String mark, String title, String ruleId, String subject, String severity,
                String message, String fix, boolean waived, String waiver, String firstSeen, List<Fact> evidence) {}

    record Section(String title, String anchor, long failing, List<Item> items) {}

    private InstancePage() {}

    /** Empty when no instance of that name is configured. */
    static Optional<Map<String, Object>> model(String name, AuditReport report, List<InstanceStatus> statuses,
                                               Optional<AuditStore> store, Instant now) {
        InstanceStatus status = statuses.stream().filter(s -> s.instance().equals(name)).findFirst().orElse(null);
        if (status == null) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", status.lastAuditAt() == null ? "not audited yet" : status.up() ? "up" : "down");
        m.put("up", status.up());
        m.put("lastAudit", Formats.time(status.lastAuditAt()));
        m.put("lastAuditAge", Formats.age(status.lastAuditAt(), now));
        m.put("lastSuccess", Formats.time(status.lastSuccessAt()));
        m.put("lastFailure", status.lastFailure());
        InstanceReport ir = report == null ? null
                : report.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        List<Section> sections = new ArrayList<>();
        if (ir != null) {
            for (ChecklistSection s : ir.sections()) {
                List<Item> items = s.items().stream().map(InstancePage::item).toList();
                sections.add(new Section(s.title(), anchor(s), items.stream()
                        .filter(i -> i.outcome().equals("FAIL") && !i.waived()).count(), items));
            }
            m.put("counts", List.of(
                    new Fact("pass", Integer.toString(ir.count(Outcome.PASS))),
                    new Fact("fail", Integer.toString(ir.count(Outcome.FAIL))),
                    new Fact("error", Integer.toString(ir.count(Outcome.ERROR))),
                    new Fact("not applicable", Integer.toString(ir.count(Outcome.NOT_APPLICABLE))),
                    new Fact("waived", Integer.toString(ir.waived()))));
        } else {
            m.put("counts", List.of());
        }
        m.put("sections", sections);
        m.put("hasStore", store.isPresent());
        m.put("history", store.map(s -> FindingHistory.of(s, name)).orElse(List.of()));
        return Optional.of(m);
    }

    private static String anchor(ChecklistSection s) {
        String base = s.kind().name().toLowerCase(java.util.Locale.ROOT);
        return s.peer() == null ? base : base + "-" + s.peer().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static Item item(ReportFinding rf) {
        Finding f = rf.finding();
        String outcome = f.outcome() == null ? "ERROR" : f.outcome().name();
        List<Fact> evidence = new ArrayList<>();
        Evidence e = f.evidence();
        if (e != null) {
            if (e.observed() != null) {
                evidence.add(new Fact("observed", e.observed()));
            }
            if (e.expected() != null) {
                evidence.add(new Fact("expected", e.expected()));
            }
            e.facts().forEach((k, v) -> evidence.add(new Fact(k, v)));
        }
        if (rf.rule() != null && rf.rule().procedureStep() != null && !rf.rule().procedureStep().isBlank()) {
            evidence.add(new Fact("procedure step", rf.rule().procedureStep()));
        }
        String waiver = f.outcome() == Outcome.FAIL && f.waiver() != null
                ? (f.waived() ? "waived: " : "waiver expired: ") + f.waiver().reason() : null;
        String firstSeen = rf.lifecycle() == null || f.outcome() != Outcome.FAIL ? null
                : Formats.time(rf.lifecycle().firstSeen());
        return new Item(outcome, mark(outcome), rf.title(), f.ruleId(),
                f.subject() != null && !f.subject().equals(f.instance()) ? f.subject() : null,
                f.outcome() == Outcome.FAIL && f.severity() != null ? f.severity().name() : null,
                f.message(), rf.rule() == null ? null : rf.rule().remediation(), f.waived(), waiver, firstSeen,
                evidence);
    }

    private static String mark(String outcome) {
        return switch (outcome) {
            case "PASS" -> "\u2714";
            case "FAIL" -> "\u2718";
            case "NOT_APPLICABLE" -> "\u2013";
            default -> "!";
        };
    }
}
