package io.mirrorguard.rules.engine;

/**
 * One built-in check. Implementations are stateless; they read the shared {@link EvaluationContext} and emit one
 * finding per subject they apply to (PASS findings too).
 */
public interface Rule {

    void evaluate(EvaluationContext context, Emitter out);

    default RuleDescriptor descriptor() {
        return RuleDescriptor.of(getClass());
    }
}
