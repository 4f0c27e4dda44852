package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.InstanceFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The policy as it applies to one rule's findings on one day: a PASS resting on unread sections becomes an ERROR
 * ({@link PassGuard}), the severity override, then the waiver (current or expired) of each FAIL.
 */
final class AppliedPolicy {
    private final Policy policy;
    private final LocalDate day;
    private final Map<String, List<Waiver>> waivers = new HashMap<>();

    AppliedPolicy(Policy policy, LocalDate day) {
        this.policy = policy;
        this.day = day;
        for (Waiver w : policy.waivers()) {
            waivers.computeIfAbsent(key(w.rule(), w.instance()), k -> new ArrayList<>()).add(w);
        }
    }

    boolean disabled(RuleDescriptor d) {
        return policy.disabledRules().contains(d.id());
    }

    /** @param facts the facts of an instance by name (null when not in the snapshot), for the guard */
    Finding apply(Finding f, RuleDescriptor d, PassGuard guard, Function<String, InstanceFacts> facts) {
        Severity override = policy.severityOverrides().get(d.id());
        Finding g = guard.apply(f, facts);
        g = override == null ? g : g.withSeverity(override);
        if (g.outcome() == Outcome.FAIL && g.instance() != null) {
            g = applyWaiver(g, waivers.getOrDefault(key(g.ruleId(), g.instance()), List.of()));
        }
        return g;
    }

    private Finding applyWaiver(Finding f, List<Waiver> candidates) {
        Waiver expired = null;
        for (Waiver w : candidates) {
            if (w.covers(f)) {
                if (!w.expiredOn(day)) {
                    return f.withWaiver(new AppliedWaiver(w.reason(), w.expires(), false));
                }
                expired = w;
            }
        }
        return expired == null ? f : f.withWaiver(new AppliedWaiver(expired.reason(), expired.expires(), true));
    }

    private static String key(String rule, String instance) {
        return rule + "|" + instance.toLowerCase(Locale.ROOT);
    }
}
