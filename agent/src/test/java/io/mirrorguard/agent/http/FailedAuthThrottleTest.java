package io.mirrorguard.agent.http;

import static io.mirrorguard.agent.http.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated wrong bearer tokens from one client are throttled: 401 up to the allowance, then 429 + Retry-After. */
class FailedAuthThrottleTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
    }

    @Test
    void wrong_tokens_beyond_the_allowance_are_429_with_retry_after_even_for_the_right_token() throws Exception {
        for (int i = 0; i < FailedAuthThrottle.BURST; i++) {
            error(post("/api/v1/audits", "guess-" + i), 401, "unauthorized");
        }
        HttpResponse<String> limited = post("/api/v1/audits", "guess-x");
        error(limited, 429, "too many failed token attempts");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, FailedAuthThrottle.REFILL.toSeconds()));
        // the remediation route shares the allowance, and a right token learns nothing while it lasts
        error(post("/api/v1/remediation/apply", "guess-y"), 429, "too many failed token attempts");
        error(post("/api/v1/audits", ApiFixture.TOKEN), 429, "too many failed token attempts");
    }

    @Test
    void right_tokens_are_never_counted() throws Exception {
        for (int i = 0; i < FailedAuthThrottle.BURST * 2; i++) {
            HttpResponse<String> r = post("/api/v1/audits", ApiFixture.TOKEN);
            assertThat(r.statusCode()).as(r.body()).isIn(202, 429);
            if (r.statusCode() == 429) {
                assertThat(r.body()).contains("too many audit requests");
            }
        }
        error(post("/api/v1/audits", "guess"), 401, "unauthorized");
    }

    @Test
    void each_client_has_its_own_allowance_and_it_refills() {
        long[] now = {0};
        FailedAuthThrottle throttle = new FailedAuthThrottle(() -> now[0]);
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
        for (int i = 0; i < FailedAuthThrottle.BURST; i++) {
            throttle.recordFailure("10.0.0.1");
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("10.0.0.2")).isEmpty();
        now[0] += FailedAuthThrottle.REFILL.toNanos();
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
    }
}
