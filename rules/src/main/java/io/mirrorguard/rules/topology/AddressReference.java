package io.mirrorguard.rules.topology;

import io.mirrorguard.rules.model.LinkRole;

/**
 * A partner, witness or replica address (or server name) that an instance reported, and what it resolved to.
 *
 * @param reporter   the instance whose catalog holds the address
 * @param address    as reported, e.g. {@code TCP://sqlb.corp.example:5022} or a server name
 * @param role       what the addressed instance is to the reporter
 * @param source     catalog view, e.g. {@code sys.database_mirroring}
 * @param resolvedTo the audited instance it matched, or null
 * @param problem    why it did not resolve (no match, ambiguous, malformed), null when resolved
 */
public record AddressReference(String reporter, String address, LinkRole role, String source, String resolvedTo,
                               String problem) {
    public boolean resolved() {
        return resolvedTo != null;
    }
}
