package io.mirrorguard.agent.http;

import io.mirrorguard.agent.daemon.Evaluation;

import java.util.Optional;

/** Renders the latest evaluation in a report format; the seam to the report package. */
@FunctionalInterface
public interface ReportRenderer {
    record Rendered(String contentType, String body) {}

    /** @return empty when this renderer does not produce {@code format} */
    Optional<Rendered> render(Evaluation evaluation, String format);
}
