package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.InstanceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The instances that may be peers of an instance although their facts cannot be read: an unread or uncollected
 * instance is still a peer. It is known to exist from the snapshot (collection failed, endpoints or certificates
 * not read) or from the fleet scope (configured, not collected). Its links cannot be known from its own facts, and
 * an instance's own view of its links is not complete either (a mirror's sys.database_mirroring columns are NULL
 * for a login that is no sysadmin), so every such instance counts as a possible peer of every other: a rule that
 * would judge "no current peer trusts this" must say ERROR while any remains. Peers the topology already names are
 * left out (their trust chain already reports them unread).
 */
final class UnreadPeers {
    private UnreadPeers() {}

    /** An instance of the snapshot whose facts cannot be read, with the text that says why. */
    record Unread(String name, String described) {}

    /** The snapshot's unread instances, in snapshot order: computed once per evaluation, not once per instance. */
    static List<Unread> inSnapshot(List<InstanceFacts> instances) {
        List<Unread> unread = new ArrayList<>();
        for (InstanceFacts f : instances) {
            String n = f.name();
            if (!f.collection().succeeded()) {
                unread.add(new Unread(n, n + " (could not be audited: " + f.collection().failure() + ")"));
            } else if (!f.endpoints().isRead() || !f.certificates().isRead()) {
                unread.add(new Unread(n, n + " (endpoints or certificates not read)"));
            }
        }
        return List.copyOf(unread);
    }

    static List<String> of(EvaluationContext context, List<Unread> inSnapshot, String instance) {
        List<String> unread = new ArrayList<>();
        Set<String> peers = context.topology().peersOf(instance);
        for (Unread u : inSnapshot) {
            if (!u.name().equals(instance) && !peers.contains(u.name())) {
                unread.add(u.described());
            }
        }
        unread.addAll(context.scope().described());
        return unread;
    }
}
