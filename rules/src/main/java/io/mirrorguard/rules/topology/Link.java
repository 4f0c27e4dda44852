package io.mirrorguard.rules.topology;

import io.mirrorguard.rules.model.LinkRole;
import java.util.Set;

/**
 * Two instances that must talk over their endpoints.
 *
 * @param a       for WITNESS links the witness; for PARTNER and REPLICA links the name that sorts first
 * @param b       the partner (WITNESS) or the other partner/replica
 * @param sources where the link was seen, e.g. {@code sys.database_mirroring@SQLA}, {@code declared}
 */
public record Link(String a, String b, LinkRole role, Set<String> sources) {
    public Link {
        sources = Set.copyOf(sources);
    }

    public boolean involves(String instance) {
        return a.equals(instance) || b.equals(instance);
    }

    public String other(String instance) {
        return a.equals(instance) ? b : a;
    }
}
