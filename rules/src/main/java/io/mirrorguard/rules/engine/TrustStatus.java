package io.mirrorguard.rules.engine;

import java.util.List;

/**
 * Whether L trusts R (R can connect to L), for metrics and the dashboard.
 *
 * @param instance L, the trusting side
 * @param peer     R, the side that connects
 * @param missing  the inbound steps that are missing or could not be checked (rule ids, with the reason when unknown)
 */
public record TrustStatus(String instance, String peer, boolean complete, List<String> missing) {
    public TrustStatus {
        missing = List.copyOf(missing);
    }
}
