package io.mirrorguard.rules.engine;

import java.util.List;

/**
 * Lists in finding messages, bounded: a daemon that just started has most of its fleet not collected yet, and a
 * message naming every one of them on every instance made each evaluation's messages quadratic in the fleet (a
 * 3,000-instance cluster agent ran out of heap on them).
 */
public final class Listing {
    /** Items named before the rest are counted. */
    public static final int SHOWN = 5;

    private Listing() {}

    /** {@code [a, b]}, or the first {@link #SHOWN} items and how many more: {@code [a, b, c, d, e and 2,997 more]}. */
    public static String brief(List<?> items) {
        if (items.size() <= SHOWN) {
            return items.toString();
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < SHOWN; i++) {
            s.append(i == 0 ? "" : ", ").append(items.get(i));
        }
        return s.append(String.format(" and %,d more]", items.size() - SHOWN)).toString();
    }
}
