package io.mirrorguard.agent.config;

import java.time.LocalDate;

/**
 * An accepted risk: FAILs of {@code rule} on {@code instance} (towards {@code peer} when given) are reported as
 * waived until {@code expires} (inclusive).
 */
public record WaiverConfig(String rule, String instance, String peer, String reason, LocalDate expires) {}
