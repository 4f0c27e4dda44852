package io.mirrorguard.rules.engine;

import java.util.List;

/**
 * Metadata of one rule, as shown in reports, the HTTP API and docs.
 *
 * @param procedureStep the step of Microsoft's certificate procedure the rule checks, e.g. "Outbound step 3"
 * @param docPath       repository-relative path of the rule's long documentation, {@code docs/rules/<id>.md}
 */
public record RuleDescriptor(String id, String title, Severity severity, Category category, String rationale,
                             String remediation, String procedureStep, List<String> references, String docPath) {
    public RuleDescriptor {
        references = List.copyOf(references);
    }

    /** Reads the {@link RuleInfo} annotation of a rule class. */
    public static RuleDescriptor of(Class<?> ruleClass) {
        RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(ruleClass.getName() + " has no @RuleInfo");
        }
        return new RuleDescriptor(info.id(), info.title(), info.severity(), info.category(), info.rationale(),
                info.remediation(), info.procedureStep(), List.of(info.references()), "docs/rules/" + info.id() + ".md");
    }
}
