package io.mirrorguard.agent.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param tokens    bearer tokens allowed to start audits (secrets: never printed)
 * @param tls       null for plain HTTP
 * @param auditBurst POST /api/v1/audits allowed at once, then one more every {@code auditRefill}
 * @param metricsAuth /metrics requires one of {@code tokens} (http.metricsAuth)
 */
public record ApiSettings(String bind, int port, List<String> tokens, Tls tls, int auditBurst, Duration auditRefill,
                          boolean metricsAuth) {

    public ApiSettings(String bind, int port, List<String> tokens, Tls tls, int auditBurst, Duration auditRefill) {
        this(bind, port, tokens, tls, auditBurst, auditRefill, false);
    }

    /** A key store holding the server's key and certificate. */
    public record Tls(Path keyStore, String password, String type) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", type=" + type + ", password=****]";
        }
    }

    public ApiSettings {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port: must be 0..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return "ApiSettings[bind=" + bind + ", port=" + port + ", tokens=" + tokens.size() + " configured, tls=" + tls
                + ", auditBurst=" + auditBurst + ", auditRefill=" + auditRefill + ", metricsAuth=" + metricsAuth + "]";
    }
}
