package io.mirrorguard.agent.store;

import io.mirrorguard.rules.model.InstanceFacts;

/**
 * An instance's latest facts in the shared store and the agent that collected them: that agent owns the instance
 * (exports its per-instance metrics) until another agent's collection is newer.
 */
public record CollectedFacts(InstanceFacts facts, String agentId) {}
