package io.mirrorguard.agent.audit;

import java.util.List;

/**
 * Whether {@code instance} completely trusts {@code peer} for certificate authentication (login, user, certificate
 * copy, CONNECT grant), as the rules engine's TrustStatus reports it.
 */
public record PeerTrust(String instance, String peer, boolean complete, List<String> missing) {
    public PeerTrust {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
