package io.mirrorguard.rules.engine;

import java.time.LocalDate;

/** A waiver matched to a finding; an expired one no longer applies and says so. */
public record AppliedWaiver(String reason, LocalDate expires, boolean expired) {}
