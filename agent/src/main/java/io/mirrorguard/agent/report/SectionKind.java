package io.mirrorguard.agent.report;

/** The parts of an instance's checklist, in the order the certificate-authentication procedure walks them. */
public enum SectionKind {
    OUTBOUND("Outbound"),
    INBOUND("Inbound from"),
    WITNESS("Witness"),
    SESSIONS("Sessions"),
    SECURITY("Security"),
    COLLECTION("Collection"),
    OTHER("Other");

    private final String label;

    SectionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
