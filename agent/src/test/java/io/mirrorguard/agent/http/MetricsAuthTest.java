package io.mirrorguard.agent.http;

import static io.mirrorguard.agent.http.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.metricsAuth: /metrics (GET and HEAD) needs a bearer token from http.tokens; other routes are unchanged. */
class MetricsAuthTest {
    @TempDir
    Path dir;

    private static HttpRequest.Builder metrics(ApiFixture api, String method) {
        return HttpRequest.newBuilder(api.uri("/metrics")).method(method, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void with_metrics_auth_a_scrape_needs_a_token() throws Exception {
        try (ApiFixture api = new ApiFixture(dir, true)) {
            error(api.get("/metrics"), 401, "unauthorized");
            HttpResponse<String> head = api.send(metrics(api, "HEAD").build());
            assertThat(head.statusCode()).isEqualTo(401);
            HttpResponse<String> ok = api.send(metrics(api, "GET")
                    .header("Authorization", "Bearer " + ApiFixture.TOKEN).build());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("mirrorguard_build_info");
            assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void without_it_metrics_stay_open() throws Exception {
        try (ApiFixture api = new ApiFixture(dir)) {
            assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
        }
    }
}
