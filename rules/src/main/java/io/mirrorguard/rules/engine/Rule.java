package io.mirrorguard.rules.engine;

/**
 * One built-in check. Implementations are stateless; they read the shared {@link EvaluationContext} and emit one
 * finding per subject they apply to (PASS findings too). A rule declares its scope by implementing
 * {@link PerInstance}, {@link PerDirection} or {@link PerLink}, so that an incremental evaluation re-runs it only
 * where something it rests on changed; a rule with none of them may read anything and is run over the whole fleet
 * every time.
 */
public interface Rule {

    void evaluate(EvaluationContext context, Emitter out);

    default RuleDescriptor descriptor() {
        return RuleDescriptor.of(getClass());
    }
}
