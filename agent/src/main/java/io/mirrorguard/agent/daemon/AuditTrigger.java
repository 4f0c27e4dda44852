package io.mirrorguard.agent.daemon;

/** What started an audit. */
public enum AuditTrigger { SCHEDULED, ON_DEMAND, STARTUP }
