package io.mirrorguard.agent.audit;

/** What started an audit. */
public enum AuditTrigger { SCHEDULED, ON_DEMAND, STARTUP }
