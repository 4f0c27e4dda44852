package io.mirrorguard.agent.daemon;

import io.mirrorguard.rules.engine.Severity;

/** Metadata of one registered rule, as the API lists it (copied from the engine's RuleDescriptor). */
public record RuleInfo(String id, String title, Severity severity, String category, String rationale,
                       String remediation, String docPath) {}
