package io.mirrorguard.rules.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Something kept per subject of one scope (its verdicts, a direction's trust status), in subject order. The next
 * evaluation finds a subject's previous value by position when its subjects are the previous ones in the same order
 * (the common case: the topology did not move), else by key, indexing the previous subjects once.
 */
final class SubjectTable<K, V> {
    private final List<K> subjects;
    private final List<V> values;

    SubjectTable(List<K> subjects, List<V> values) {
        this.subjects = subjects;
        this.values = values;
    }

    List<V> values() {
        return values;
    }

    /** Finds previous values for {@code next}'s subjects; positions are only trusted when the subjects are the same. */
    Lookup<K, V> lookupFor(List<K> next) {
        if (next == subjects || next.equals(subjects)) {
            return (i, k) -> values.get(i);
        }
        Map<K, V> byKey = new HashMap<>(subjects.size() * 2);
        for (int i = 0; i < subjects.size(); i++) {
            byKey.put(subjects.get(i), values.get(i));
        }
        return (i, k) -> byKey.get(k);
    }

    @FunctionalInterface
    interface Lookup<K, V> {
        /** The previous value of subject {@code k}, the {@code i}th of the new subjects; null when it is new. */
        V previous(int i, K k);
    }

    /** For a first evaluation: no subject has a previous value. */
    static <K, V> Lookup<K, V> none() {
        return (i, k) -> null;
    }
}
