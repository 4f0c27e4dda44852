package io.mirrorguard.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.audit.AuditTrigger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD answers with the headers GET would send, including the real Content-Length, and no body. */
class HeadRequestsTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(dir);
        api.service.auditFleet(AuditTrigger.STARTUP);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void head_metrics_gives_the_content_length_of_the_get() throws Exception {
        HttpResponse<String> get = api.get("/metrics");
        assertThat(get.statusCode()).isEqualTo(200);
        HttpResponse<String> head = api.send(HttpRequest.newBuilder(api.uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        long length = Long.parseLong(head.headers().firstValue("Content-Length").orElse("-1"));
        // the scrape changes between two requests only in process metrics: same order of size, never 0
        int getLength = get.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(length).isGreaterThan(getLength / 2).isLessThan(getLength * 2L);
    }
}
