package io.mirrorguard.agent.config;

import java.util.Set;

/** Rule ids a configuration may name. */
final class KnownRules {

    private KnownRules() {}

    /** The ids of the rule catalog (docs: rule-catalog). */
    static Set<String> ids() {
        return IDS;
    }

    private static final Set<String> IDS = Set.of(
            "instance-audited",
            "master-key-present",
            "master-key-protected-by-service-key",
            "endpoint-present",
            "endpoint-started",
            "endpoint-certificate-authentication",
            "endpoint-encryption-required",
            "endpoint-encryption-aes-only",
            "endpoint-role-fits-topology",
            "endpoint-certificate-present",
            "endpoint-certificate-key-protected-by-master-key",
            "endpoint-certificate-validity",
            "endpoint-certificate-expiry-horizon",
            "endpoint-certificate-strength",
            "endpoint-certificate-backed-up",
            "endpoint-connect-not-public",
            "peer-certificate-installed",
            "peer-certificate-owner-mapped",
            "peer-login-connect-granted",
            "peer-certificate-private-key-absent",
            "witness-trust-both-ways",
            "partner-encryption-compatible",
            "peer-address-resolved",
            "mirroring-connections-encrypted",
            "mirroring-session-healthy",
            "stale-endpoint-trust");
}
