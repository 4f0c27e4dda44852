package io.mirrorguard.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors Jetty answers before any route runs are our JSON errors too; echoed input is bounded. */
class HttpErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private record Raw(int status, String headers, String body) {}

    /** Sends {@code request} as raw bytes (a client library would refuse to send most of these). */
    private Raw raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static JsonNode jsonError(Raw r, int status) throws Exception {
        assertThat(r.status()).as(r.headers() + "\n" + r.body()).isEqualTo(status);
        assertThat(r.headers().toLowerCase()).as(r.headers()).contains("content-type: application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.has("detail")).isTrue();
        return body;
    }

    @Test
    void a_bad_percent_encoding_is_a_json_400() throws Exception {
        jsonError(raw("GET /api/v1/findings%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void invalid_utf8_in_the_path_is_a_json_400() throws Exception {
        jsonError(raw("GET /api/v1/%C0%AF%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void a_too_long_uri_is_a_json_414() throws Exception {
        jsonError(raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
    }

    @Test
    void too_large_headers_are_a_json_431() throws Exception {
        jsonError(raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 431);
    }

    @Test
    void error_details_echo_at_most_a_bounded_prefix_of_the_input() throws Exception {
        String longName = "Q".repeat(5_000);
        JsonNode body = ApiFixture.error(api.get("/api/v1/findings?instance=" + longName), 400, "instance");
        String detail = body.get("detail").asText();
        assertThat(detail.length()).as("detail length").isLessThanOrEqualTo(HttpErrors.MAX_ECHO + 40);
        assertThat(detail).startsWith("unknown instance QQQQ").contains("more characters");
        JsonNode unknownParameter = ApiFixture.error(api.get("/api/v1/findings?" + "k".repeat(3_000) + "=1"), 400,
                "invalid parameter kkkk");
        assertThat(unknownParameter.get("error").asText().length()).as("error length")
                .isLessThanOrEqualTo(HttpErrors.MAX_ECHO + 40);
        JsonNode notFound = ApiFixture.error(api.get("/" + "p".repeat(3_000)), 404, "not found");
        assertThat(notFound.get("detail").asText().length()).as("404 detail length")
                .isLessThanOrEqualTo(HttpErrors.MAX_ECHO + 40);
    }
}
