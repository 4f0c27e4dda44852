package io.mirrorguard.agent.schedule;

/** What a scheduled job does: audit one instance, returning early when interrupted. */
@FunctionalInterface
public interface InstanceAuditor {
    void audit(String instance) throws InterruptedException;
}
