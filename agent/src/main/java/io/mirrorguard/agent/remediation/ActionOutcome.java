package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.RemediationAction;

/** What happened to one planned action in a run. */
public record ActionOutcome(RemediationAction action, String journalId, JournalEntry.Status status, String detail) {}
