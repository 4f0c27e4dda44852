package io.mirrorguard.agent.http;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.agent.daemon.RuleInfo;
import io.mirrorguard.agent.store.FindingKey;
import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.agent.store.StoredFinding;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Severity;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the API, built as ordered maps so the wire format is explicit and holds no secrets. */
final class Views {
    private Views() {}

    /** The fields a live finding and a stored one share, in the same wire order for both. */
    private static Map<String, Object> findingFields(String ruleId, String instance, String peer, String subject,
                                                     Object outcome, Object severity, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", ruleId);
        m.put("instance", instance);
        m.put("peer", peer);
        m.put("subject", subject);
        m.put("outcome", outcome);
        m.put("severity", severity);
        m.put("message", message);
        return m;
    }

    static Map<String, Object> finding(Finding f, FindingLifecycle lifecycle) {
        Map<String, Object> m = findingFields(f.ruleId(), f.instance(), f.peer(), f.subject(), f.outcome(),
                f.severity(), f.message());
        if (f.evidence() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("observed", f.evidence().observed());
            e.put("expected", f.evidence().expected());
            e.put("facts", f.evidence().facts());
            m.put("evidence", e);
        }
        if (f.waiver() != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("reason", f.waiver().reason());
            w.put("expires", f.waiver().expires());
            w.put("expired", f.waiver().expired());
            m.put("waiver", w);
        }
        if (lifecycle != null) {
            m.put("firstSeen", lifecycle.firstSeen());
            m.put("lastSeen", lifecycle.lastSeen());
        }
        return m;
    }

    static Map<String, Object> lifecycle(FindingLifecycle l) {
        Map<String, Object> m = new LinkedHashMap<>();
        FindingKey k = l.key();
        m.put("ruleId", k.ruleId());
        m.put("instance", k.instance());
        m.put("peer", k.peer().isEmpty() ? null : k.peer());
        m.put("subject", k.subject());
        m.put("severity", l.severity());
        m.put("message", l.message());
        m.put("state", l.open() ? "open" : "resolved");
        m.put("firstSeen", l.firstSeen());
        m.put("lastSeen", l.lastSeen());
        m.put("resolvedAt", l.resolvedAt());
        return m;
    }

    static Map<String, Object> storedFinding(StoredFinding f) {
        Map<String, Object> m = findingFields(f.ruleId(), f.instance(), f.peer(), f.subject(), f.outcome(),
                f.severity(), f.message());
        m.put("waived", f.waived());
        return m;
    }

    static Map<String, Object> run(AuditRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.trigger());
        m.put("status", r.outcome());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("instances", r.instances());
        m.put("detail", r.detail());
        return m;
    }

    static Map<String, Object> instance(InstanceSpec spec, InstanceStatus s, Evaluation latest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("host", spec.target().host());
        m.put("port", spec.target().port());
        m.put("aliases", spec.target().aliases());
        m.put("tags", spec.target().tags());
        m.put("up", s.up());
        m.put("lastAuditId", s.lastAuditId());
        m.put("lastAuditAt", s.lastAuditAt());
        m.put("lastDurationSeconds", s.lastDurationSeconds());
        m.put("lastSuccessAt", s.lastSuccessAt());
        m.put("lastFailure", s.lastFailure());
        if (latest != null) {
            Map<Severity, Integer> failures = new EnumMap<>(Severity.class);
            for (Severity sev : Severity.values()) {
                failures.put(sev, 0);
            }
            latest.findings().stream()
                    .filter(f -> spec.name().equals(f.instance()) && f.failing())
                    .forEach(f -> failures.merge(f.severity(), 1, Integer::sum));
            m.put("failures", failures);
            List<Map<String, Object>> trust = latest.trust().stream()
                    .filter(t -> spec.name().equals(t.instance()))
                    .map(Views::trust).toList();
            m.put("trust", trust);
        }
        return m;
    }

    static Map<String, Object> trust(PeerTrust t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", t.peer());
        m.put("complete", t.complete());
        m.put("missing", t.missing());
        return m;
    }

    static Map<String, Object> rule(RuleInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("title", r.title());
        m.put("severity", r.severity());
        m.put("category", r.category());
        m.put("rationale", r.rationale());
        m.put("remediation", r.remediation());
        m.put("docPath", r.docPath());
        return m;
    }
}
