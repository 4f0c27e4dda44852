package io.mirrorguard.agent.store;

import io.mirrorguard.rules.model.InstanceFacts;
import java.time.Instant;

/**
 * An instance's latest facts in the shared store, the agent that collected them, and when any agent's collection of
 * it last read the whole catalog (null: never, as far as the store knows). The owner of the instance's metrics
 * ({@link InstanceOwners}) exports these, whoever collected them.
 */
public record CollectedFacts(InstanceFacts facts, String agentId, Instant lastSuccessAt) {}
