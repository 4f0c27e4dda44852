package io.mirrorguard.rules.remediation.rotation;

import java.time.Instant;

/**
 * Rotate the endpoint certificate of {@code instance}: the operator (or policy) names the new certificate and its
 * validity once; every later step is derived from the fleet's facts, so the workflow resumes after a crash at any
 * stage by auditing again and asking for the next step.
 */
public record RotationRequest(String instance, String newCertificateName, String subject, Instant startDate,
                              Instant expiryDate) {
    public RotationRequest {
        if (!expiryDate.isAfter(startDate)) {
            throw new IllegalArgumentException("rotation: expiry date must be after start date");
        }
    }
}
