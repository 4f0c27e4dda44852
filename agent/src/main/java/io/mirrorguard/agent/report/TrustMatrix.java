package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trust in both directions as a square: row L, column R holds "L trusts R" (what L holds so that R can connect), or
 * nothing when L and R share no link. HTML and Markdown both draw it.
 */
record TrustMatrix(List<String> names, Map<String, TrustStatus> cells) {

    static TrustMatrix of(AuditReport report) {
        Set<String> names = new LinkedHashSet<>();
        for (Link l : report.links()) {
            names.add(l.a());
            names.add(l.b());
        }
        Map<String, TrustStatus> cells = new HashMap<>();
        for (TrustStatus t : report.trust()) {
            names.add(t.instance());
            names.add(t.peer());
            cells.put(key(t.instance(), t.peer()), t);
        }
        return new TrustMatrix(List.copyOf(names), cells);
    }

    TrustStatus cell(String trusting, String trusted) {
        return cells.get(key(trusting, trusted));
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    private static String key(String l, String r) {
        return l + "\u001f" + r;
    }
}
