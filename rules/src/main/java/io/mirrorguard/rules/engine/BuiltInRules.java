package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.catalog.*;
import java.util.List;

/** The single reviewed list of built-in rules, in catalog order. */
public final class BuiltInRules {
    private BuiltInRules() {}

    public static List<Rule> all() {
        return List.of(
                new InstanceAudited());
    }
}
