package io.mirrorguard.agent.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The formats `audit` and the daemon's report endpoint offer. */
public enum ReportFormat {
    JSON("application/json", "json"),
    TEXT("text/plain; charset=utf-8", "txt"),
    SARIF("application/sarif+json", "sarif"),
    JUNIT("application/xml", "xml"),
    HTML("text/html; charset=utf-8", "html"),
    MD("text/markdown; charset=utf-8", "md");

    private final String contentType;
    private final String extension;

    ReportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The default renderer of this format (text with Unicode marks, repository-relative doc links). */
    public ReportRenderer renderer() {
        return renderer(DocLinks.repository(null));
    }

    /** The renderer of this format linking rule docs through {@code docs} where the format links them. */
    public ReportRenderer renderer(DocLinks docs) {
        return switch (this) {
            case JSON -> new JsonReportRenderer();
            case TEXT -> new TextReportRenderer(false);
            case SARIF -> new SarifReportRenderer();
            case JUNIT -> new JUnitReportRenderer();
            case HTML -> new HtmlReportRenderer(docs);
            case MD -> new MarkdownReportRenderer(docs);
        };
    }

    /** The one list of format names, as `audit --format` and `GET /api/v1/reports/latest?format=` accept them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ReportFormat::formatName).toList();
    }

    /** This format's name in {@link #names()}. */
    public String formatName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a format name as users type it ("json", "SARIF", "markdown"); aliases txt, xml and markdown. */
    public static ReportFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "json" -> JSON;
            case "text", "txt" -> TEXT;
            case "sarif" -> SARIF;
            case "junit", "xml" -> JUNIT;
            case "html" -> HTML;
            case "md", "markdown" -> MD;
            default -> throw new IllegalArgumentException(
                    "unknown report format '" + name + "' (expected one of " + String.join(", ", names()) + ")");
        };
    }
}
