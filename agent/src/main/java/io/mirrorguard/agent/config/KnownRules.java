package io.mirrorguard.agent.config;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import java.util.Set;
import java.util.stream.Collectors;

/** Rule ids a configuration may name: those of the built-in rules engine. */
final class KnownRules {

    private static final Set<String> IDS = BuiltInRules.engine().descriptors().stream()
            .map(RuleDescriptor::id).collect(Collectors.toUnmodifiableSet());

    private KnownRules() {}

    static Set<String> ids() {
        return IDS;
    }
}
