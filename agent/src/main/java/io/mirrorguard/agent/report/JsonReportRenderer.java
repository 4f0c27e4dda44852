package io.mirrorguard.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirrorguard.rules.engine.AppliedWaiver;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The versioned JSON report (schemaVersion 1). Field names of a finding match the rule catalog's contract so that
 * the daemon's API and this file read the same.
 */
public final class JsonReportRenderer implements ReportRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        root.put("schemaVersion", report.schemaVersion());
        root.put("generatedAt", report.generatedAt().toString());
        root.put("snapshotTakenAt", report.snapshotTakenAt() == null ? null : report.snapshotTakenAt().toString());
        ObjectNode tool = root.putObject("tool");
        tool.put("name", report.toolName());
        tool.put("version", report.toolVersion());
        if (report.source() != null) {
            root.put("source", report.source());
        }
        root.set("summary", summary(report.summary()));
        ArrayNode instances = root.putArray("instances");
        report.instances().forEach(i -> instances.add(instance(i)));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode trust = root.putArray("trust");
        report.trust().forEach(t -> trust.add(trust(t)));
        ArrayNode links = root.putArray("links");
        report.links().forEach(l -> links.add(link(l)));
        return root;
    }

    private static ObjectNode summary(ReportSummary s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("instances", s.instances());
        n.put("audited", s.audited());
        n.set("outcomes", outcomes(s.outcomes()));
        n.set("failures", failures(s.failures()));
        n.put("waived", s.waived());
        n.put("expiredWaivers", s.expiredWaivers());
        ObjectNode trust = n.putObject("trust");
        trust.put("complete", s.trustComplete());
        trust.put("incomplete", s.trustIncomplete());
        return n;
    }

    private static ObjectNode instance(InstanceReport i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("instance", i.name());
        n.put("audited", i.audited());
        if (i.unauditedReason() != null) {
            n.put("reason", i.unauditedReason());
        }
        n.set("outcomes", outcomes(i.outcomes()));
        n.set("failures", failures(i.failures()));
        n.put("waived", i.waived());
        return n;
    }

    /** Every outcome and severity is present (0 when none) so consumers need no defaults. */
    private static ObjectNode outcomes(Map<Outcome, Integer> counts) {
        ObjectNode n = MAPPER.createObjectNode();
        for (Outcome o : Outcome.values()) {
            n.put(o.name(), counts.getOrDefault(o, 0));
        }
        return n;
    }

    private static ObjectNode failures(Map<Severity, Integer> counts) {
        ObjectNode n = MAPPER.createObjectNode();
        for (Severity s : Severity.values()) {
            n.put(s.name(), counts.getOrDefault(s, 0));
        }
        return n;
    }

    static ObjectNode finding(ReportFinding rf) {
        Finding f = rf.finding();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ruleId", f.ruleId());
        n.put("instance", f.instance());
        n.put("peer", f.peer());
        n.put("subject", f.subject());
        n.put("outcome", f.outcome() == null ? null : f.outcome().name());
        n.put("severity", f.severity() == null ? null : f.severity().name());
        n.put("message", f.message());
        Evidence e = f.evidence();
        ObjectNode evidence = n.putObject("evidence");
        evidence.put("observed", e == null ? null : e.observed());
        evidence.put("expected", e == null ? null : e.expected());
        ObjectNode facts = evidence.putObject("facts");
        if (e != null) {
            e.facts().forEach(facts::put);
        }
        AppliedWaiver w = f.waiver();
        if (w != null) {
            ObjectNode waiver = n.putObject("waiver");
            waiver.put("reason", w.reason());
            waiver.put("expires", w.expires() == null ? null : w.expires().toString());
            waiver.put("expired", w.expired());
        }
        n.put("fingerprint", rf.fingerprint());
        if (rf.lifecycle() != null) {
            ObjectNode life = n.putObject("lifecycle");
            life.put("firstSeen", String.valueOf(rf.lifecycle().firstSeen()));
            life.put("lastSeen", String.valueOf(rf.lifecycle().lastSeen()));
        }
        return n;
    }

    private static ObjectNode trust(TrustStatus t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("instance", t.instance());
        n.put("peer", t.peer());
        n.put("complete", t.complete());
        ArrayNode missing = n.putArray("missing");
        if (t.missing() != null) {
            t.missing().forEach(missing::add);
        }
        return n;
    }

    private static ObjectNode link(Link l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("a", l.a());
        n.put("b", l.b());
        n.put("role", l.role() == null ? null : l.role().name());
        ArrayNode sources = n.putArray("sources");
        if (l.sources() != null) {
            l.sources().stream().sorted().forEach(sources::add);
        }
        return n;
    }
}
