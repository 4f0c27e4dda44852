package io.mirrorguard.agent.config;

import io.mirrorguard.rules.model.Target;
import java.util.List;
import java.util.Map;

/**
 * One audited SQL Server instance.
 *
 * @param name            unique in the file; what {@code @@SERVERNAME} must answer
 * @param port            TCP port; null when {@code instanceName} is used (the driver asks SQL Browser)
 * @param remediationAuth used only by remediation; null when the instance is audit-only
 */
public record InstanceConfig(String name, String host, Integer port, String instanceName, AuthConfig auth,
                             AuthConfig remediationAuth, TlsConfig tls, int loginTimeoutSeconds,
                             int queryTimeoutSeconds, List<String> aliases, Map<String, String> tags) {

    public static final int DEFAULT_PORT = 1433;
    public static final int DEFAULT_LOGIN_TIMEOUT_SECONDS = 15;
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

    public InstanceConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        tls = tls == null ? TlsConfig.defaults() : tls;
    }

    /** How the rules core names and matches this instance. */
    public Target target() {
        return new Target(name, host, port, aliases, tags);
    }
}
