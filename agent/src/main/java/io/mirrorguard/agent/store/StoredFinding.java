package io.mirrorguard.agent.store;

/** A finding as an audit run recorded it. */
public record StoredFinding(String ruleId, String instance, String peer, String subject, String outcome,
                            String severity, String message, boolean waived) {}
