package io.mirrorguard.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's HTTP API.
 *
 * @param tokens      bearer tokens accepted by the API; empty means the API is open to whoever can reach {@code bind}
 * @param tls         null serves plain HTTP
 * @param metricsAuth {@code /metrics} requires one of {@code tokens} as a bearer token (default: open, like the
 *                    other read-only routes)
 */
public record HttpConfig(String bind, int port, List<Secret> tokens, Tls tls, boolean metricsAuth) {

    public static final int DEFAULT_PORT = 9440;

    public HttpConfig {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public HttpConfig(String bind, int port, List<Secret> tokens, Tls tls) {
        this(bind, port, tokens, tls, false);
    }

    /** A PKCS12 or JKS key store holding the server key and certificate. */
    public record Tls(Path keystore, Secret password) {}

    public static HttpConfig defaults() {
        return new HttpConfig("127.0.0.1", DEFAULT_PORT, List.of(), null);
    }
}
