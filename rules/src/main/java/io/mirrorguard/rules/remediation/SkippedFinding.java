package io.mirrorguard.rules.remediation;

/** A FAIL the planner did not fix, and why (no known fix, missing fact, not allowed by the options). */
public record SkippedFinding(String ruleId, String instance, String peer, String subject, String reason) {}
