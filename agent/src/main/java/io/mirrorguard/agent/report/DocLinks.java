package io.mirrorguard.agent.report;

/**
 * Where a report links each rule's documentation: the daemon's console page for reports it serves, the repository's
 * docs/rules/&lt;id&gt;.md under a base URI when one is known (--docs-base-uri, GitHub Actions), else that path
 * relative to the repository root.
 */
@FunctionalInterface
public interface DocLinks {
    String href(ReportFinding finding);

    /** The rule's doc page on the daemon that serves the report. */
    static DocLinks console() {
        return f -> "/console/rules/" + f.ruleId();
    }

    /** @param baseUri absolute URI the repository's paths resolve against, or null for repository-relative links */
    static DocLinks repository(String baseUri) {
        String base = baseUri == null || baseUri.isBlank() ? "" : baseUri.endsWith("/") ? baseUri : baseUri + "/";
        return f -> base + f.docPath();
    }
}
