package io.mirrorguard.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.Severity;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps). Every finding becomes a result, passes (unless
 * omitted) and non-applicable checks included (with kind pass / notApplicable) so a consumer sees coverage, not only
 * failures. Locations point at real things only: logical locations name the instance, the checked subject
 * ({@code SQLA/endpoint/Mirroring}) and the peer; when the fleet came from a config file, the physical location is
 * that file at the instance's entry. A snapshot audit has no file to point at, so it gets no physical location.
 */
public final class SarifReportRenderer implements ReportRenderer {

    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "mirrorguardFinding/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String docsBaseUri;
    private final boolean omitPass;
    private final Map<String, Integer> configLines;

    /** Without a docs base URI rules carry no helpUri (the schema requires an absolute one); help text names the doc. */
    public SarifReportRenderer() {
        this(null);
    }

    /** @param docsBaseUri absolute URI the repository's docs/ paths resolve against, e.g. a GitHub blob URL */
    public SarifReportRenderer(String docsBaseUri) {
        this(docsBaseUri, false, Map.of());
    }

    /**
     * @param omitPass    leave PASS results out (smaller uploads; coverage then shows only in the other formats)
     * @param configLines line of each instance's entry in the config file, by instance name; missing names get a
     *                    location on the file without a region
     */
    public SarifReportRenderer(String docsBaseUri, boolean omitPass, Map<String, Integer> configLines) {
        this.docsBaseUri = docsBaseUri == null || docsBaseUri.isBlank() ? null
                : docsBaseUri.endsWith("/") ? docsBaseUri : docsBaseUri + "/";
        this.omitPass = omitPass;
        this.configLines = Map.copyOf(configLines);
    }

    @Override
    public String render(AuditReport report) {
        try {
            return MAPPER.writeValueAsString(toTree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode toTree(AuditReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.toolName());
        driver.put("version", report.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleDescriptor d : report.rules()) {
            if (ruleIndex.putIfAbsent(d.id(), rules.size()) == null) {
                rules.add(rule(d));
            }
        }

        run.putObject("automationDetails").put("id", "mirrorguard/fleet/" + report.generatedAt());
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        invocation.put("endTimeUtc", report.generatedAt().toString());

        ArrayNode results = run.putArray("results");
        for (ReportFinding rf : report.findings()) {
            if (omitPass && rf.finding().outcome() == Outcome.PASS) {
                continue;
            }
            results.add(result(rf, ruleIndex, report.source()));
        }
        return root;
    }

    private ObjectNode rule(RuleDescriptor d) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("id", d.id());
        r.put("name", pascalCase(d.id()));
        r.putObject("shortDescription").put("text", nonEmpty(d.title(), d.id()));
        r.putObject("fullDescription").put("text", nonEmpty(d.rationale(), d.title()));
        String doc = d.docPath() == null ? "docs/rules/" + d.id() + ".md" : d.docPath();
        ObjectNode help = r.putObject("help");
        help.put("text", helpText(d, doc));
        help.put("markdown", helpMarkdown(d, doc));
        if (docsBaseUri != null) {
            r.put("helpUri", docsBaseUri + doc);
        }
        r.putObject("defaultConfiguration").put("level", level(d.severity()));
        ObjectNode props = r.putObject("properties");
        // the schema requires unique tags, and the SECURITY category would repeat "security"
        Set<String> tags = new LinkedHashSet<>(List.of("security", "sql-server", "database-mirroring"));
        if (d.category() != null) {
            tags.add(d.category().name().toLowerCase(Locale.ROOT));
        }
        ArrayNode tagArray = props.putArray("tags");
        tags.forEach(tagArray::add);
        String securitySeverity = securitySeverity(d.severity());
        if (securitySeverity != null) {
            props.put("security-severity", securitySeverity);
        }
        props.put("precision", "very-high");
        if (d.severity() != null) {
            props.put("severity", d.severity().name());
        }
        return r;
    }

    private static String helpText(RuleDescriptor d, String doc) {
        StringBuilder b = new StringBuilder();
        if (d.remediation() != null && !d.remediation().isBlank()) {
            b.append(d.remediation().strip()).append("\n\n");
        }
        if (d.procedureStep() != null && !d.procedureStep().isBlank()) {
            b.append("Procedure step: ").append(d.procedureStep().strip()).append("\n");
        }
        b.append("Documentation: ").append(doc);
        return b.toString();
    }

    private static String helpMarkdown(RuleDescriptor d, String doc) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(Escapes.markdownCell(nonEmpty(d.title(), d.id()))).append("**\n\n");
        if (d.rationale() != null && !d.rationale().isBlank()) {
            b.append(d.rationale().strip()).append("\n\n");
        }
        if (d.remediation() != null && !d.remediation().isBlank()) {
            b.append("Remediation: ").append(d.remediation().strip()).append("\n\n");
        }
        if (d.references() != null) {
            d.references().forEach(ref -> b.append("- ").append(ref).append('\n'));
        }
        b.append("\nSee `").append(doc).append("`.");
        return b.toString();
    }

    private ObjectNode result(ReportFinding rf, Map<String, Integer> ruleIndex, String source) {
        Finding f = rf.finding();
        ObjectNode r = MAPPER.createObjectNode();
        r.put("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            r.put("ruleIndex", index);
        }
        r.put("kind", kind(f.outcome()));
        // SARIF: a level other than "none" is only meaningful for kind "fail"
        r.put("level", f.outcome() == Outcome.FAIL ? level(f.severity()) : "none");
        r.putObject("message").put("text", nonEmpty(f.message(), rf.title() + ": " + f.outcome()));

        ObjectNode location = r.putArray("locations").addObject();
        if (source != null && !source.isBlank()) {
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", artifactUri(source));
            Integer line = f.instance() == null ? null : configLines.get(f.instance());
            if (line != null) {
                physical.putObject("region").put("startLine", line);
            }
        }
        ArrayNode logical = location.putArray("logicalLocations");
        logical.addObject().put("name", nz(f.instance())).put("fullyQualifiedName", nz(f.instance()))
                .put("kind", "resource");
        if (f.subject() != null && !f.subject().equals(f.instance())) {
            logical.addObject().put("name", lastSegment(f.subject())).put("fullyQualifiedName", f.subject())
                    .put("kind", "resource");
        }
        if (f.peer() != null) {
            logical.addObject().put("name", f.peer()).put("fullyQualifiedName", f.peer()).put("kind", "resource");
        }

        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, rf.fingerprint());
        ArrayNode suppressions = r.putArray("suppressions");
        if (f.waived()) {
            ObjectNode s = suppressions.addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", nz(f.waiver().reason())
                    + (f.waiver().expires() == null ? "" : " (until " + f.waiver().expires() + ")"));
        }

        ObjectNode props = r.putObject("properties");
        props.put("outcome", f.outcome() == null ? null : f.outcome().name());
        props.put("severity", f.severity() == null ? null : f.severity().name());
        props.put("instance", f.instance());
        props.put("peer", f.peer());
        props.put("subject", f.subject());
        if (f.evidence() != null) {
            ObjectNode evidence = props.putObject("evidence");
            evidence.put("observed", f.evidence().observed());
            evidence.put("expected", f.evidence().expected());
            ObjectNode facts = evidence.putObject("facts");
            f.evidence().facts().forEach(facts::put);
        }
        if (f.waiver() != null && f.waiver().expired()) {
            props.put("waiverExpired", f.waiver().expires() == null ? "" : f.waiver().expires().toString());
        }
        return r;
    }

    static String kind(Outcome o) {
        if (o == null) {
            return "open";
        }
        return switch (o) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NOT_APPLICABLE -> "notApplicable";
            case ERROR -> "open";
        };
    }

    static String level(Severity s) {
        if (s == null) {
            return "warning";
        }
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub maps ≥ 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low; INFO gets none. */
    static String securitySeverity(Severity s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> null;
        };
    }

    /** The config file as a URI reference: absolute paths as file: URIs, relative ones percent-encoded per segment. */
    static String artifactUri(String source) {
        Path p = Path.of(source);
        if (p.isAbsolute()) {
            return p.toUri().toString();
        }
        StringBuilder b = new StringBuilder();
        for (String segment : source.replace('\\', '/').split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(percentEncode(segment));
        }
        return b.toString();
    }

    /** RFC 3986 unreserved characters stay; every other byte of the UTF-8 form is percent-encoded. */
    static String percentEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    static String pascalCase(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    private static String lastSegment(String subject) {
        int i = subject.lastIndexOf('/');
        return i >= 0 && i < subject.length() - 1 ? subject.substring(i + 1) : subject;
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? nz(fallback) : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
