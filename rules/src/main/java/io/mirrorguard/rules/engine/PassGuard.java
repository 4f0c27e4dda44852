package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Section;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a rule's {@link PassRequires}: a PASS stands only when the sections it rests on were read; otherwise it
 * becomes an ERROR that names them. One per rule, built from the rule class.
 */
public final class PassGuard {
    private final Set<FactSection> sections;
    private final boolean alsoOnPeer;

    private PassGuard(Set<FactSection> sections, boolean alsoOnPeer) {
        this.sections = sections;
        this.alsoOnPeer = alsoOnPeer;
    }

    /** The guard a rule class declares; every section when it declares none. */
    public static PassGuard of(Class<?> ruleClass) {
        PassRequires p = ruleClass.getAnnotation(PassRequires.class);
        if (p == null) {
            return new PassGuard(EnumSet.allOf(FactSection.class), true);
        }
        EnumSet<FactSection> s = EnumSet.noneOf(FactSection.class);
        s.addAll(List.of(p.value()));
        return new PassGuard(s, p.alsoOnPeer());
    }

    public Set<FactSection> sections() {
        return sections;
    }

    public boolean alsoOnPeer() {
        return alsoOnPeer;
    }

    /**
     * The finding, or an ERROR in its place when it is a PASS resting on a section that was not read.
     *
     * @param facts the facts of an instance by name, null when the snapshot has none for it
     */
    public Finding apply(Finding f, Function<String, InstanceFacts> facts) {
        if (f.outcome() != Outcome.PASS || f.instance() == null) {
            return f;
        }
        List<String> gaps = new ArrayList<>();
        gaps(f.instance(), facts.apply(f.instance()), gaps);
        if (alsoOnPeer && f.peer() != null) {
            gaps(f.peer(), facts.apply(f.peer()), gaps);
        }
        if (gaps.isEmpty()) {
            return f;
        }
        String why = "a PASS needs " + describe() + " read, but " + String.join("; ", gaps)
                + " (the rule would have said: " + f.message() + ")";
        return new Finding(f.ruleId(), f.instance(), f.peer(), f.subject(), Outcome.ERROR, f.severity(), why,
                Evidence.of("unknown: " + why, f.evidence() == null ? null : f.evidence().expected()), null);
    }

    private void gaps(String instance, InstanceFacts facts, List<String> gaps) {
        if (facts == null) {
            gaps.add(instance + " was not collected");
            return;
        }
        if (!facts.collection().succeeded()) {
            gaps.add(instance + " could not be audited (" + facts.collection().failure() + ")");
            return;
        }
        for (FactSection s : sections) {
            Section<?> sec = s.of(facts);
            if (!sec.isRead()) {
                gaps.add(instance + " " + s.key() + " not read (" + sec.describeGap() + ")");
            }
        }
    }

    /** "endpoints, certificates" in catalog order. */
    public String describe() {
        return String.join(", ", sections.stream().map(FactSection::key).toList());
    }
}
