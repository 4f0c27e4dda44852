package io.mirrorguard.agent.http;

import io.mirrorguard.agent.daemon.Evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's own JSON view of an evaluation (evaluatedAt, findings, trust). Other formats come from the report
 * package's renderer once it is wired in.
 */
public final class JsonReportRenderer implements ReportRenderer {
    @Override
    public Optional<Rendered> render(Evaluation evaluation, String format) {
        if (!"json".equals(format)) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evaluatedAt", evaluation.evaluatedAt());
        body.put("instances", evaluation.snapshot().instances().stream().map(i -> i.name()).toList());
        body.put("findings", evaluation.findings().stream().map(f -> Views.finding(f, null)).toList());
        body.put("trust", evaluation.trust());
        return Optional.of(new Rendered("application/json", ApiJson.write(body)));
    }
}
