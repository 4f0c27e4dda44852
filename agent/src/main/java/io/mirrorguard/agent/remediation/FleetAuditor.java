package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.engine.AuditResult;
import java.util.Set;

/** Collects and evaluates the fleet for remediation: once to plan, and again to verify what was applied. */
public interface FleetAuditor {

    /** A fresh audit of every configured instance. */
    AuditResult audit();

    /**
     * Collects {@code instances} again and re-evaluates the whole fleet with the other instances' facts from
     * {@code before} (trust findings depend on both sides of a link).
     */
    AuditResult reaudit(AuditResult before, Set<String> instances);
}
