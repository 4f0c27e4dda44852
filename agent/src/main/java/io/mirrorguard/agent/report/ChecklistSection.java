package io.mirrorguard.agent.report;

import java.util.List;

/**
 * One step group of an instance's checklist.
 *
 * @param peer the other instance for {@link SectionKind#INBOUND}, else null
 */
public record ChecklistSection(SectionKind kind, String peer, List<ReportFinding> items) {

    public ChecklistSection {
        items = List.copyOf(items);
    }

    public String title() {
        return kind == SectionKind.INBOUND ? kind.label() + " " + peer : kind.label();
    }
}
