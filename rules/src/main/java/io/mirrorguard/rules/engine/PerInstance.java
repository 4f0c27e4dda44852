package io.mirrorguard.rules.engine;

/**
 * A rule whose verdicts are per instance: what it says about one instance rests on that instance's facts, its place
 * in the topology (membership, links, addresses it reported, sessions it is in), and whatever else it asks the
 * {@link EvaluationContext} for (other instances' facts, trust chains, unread peers, hosts), which the engine
 * records. So the engine re-runs it only for instances where one of those changed (incremental evaluation).
 * Other instances are read through the context, never kept from an earlier call.
 */
public interface PerInstance extends Rule {

    /** Emits this rule's findings about {@code instance} (PASS findings too). */
    void evaluate(InstanceView instance, EvaluationContext context, Emitter out);

    /** Every instance of the snapshot, in snapshot order: what the engine does, one instance at a time. */
    @Override
    default void evaluate(EvaluationContext context, Emitter out) {
        for (InstanceView v : context.instances()) {
            evaluate(v, context, out);
        }
    }
}
