package io.mirrorguard.agent.metrics;

import java.util.List;

/** Names of the metric families the agent exports itself (JVM and process families come on top). */
public final class MetricFamilies {
    public static final String INSTANCE_UP = "mirrorguard_instance_up";
    public static final String AUDIT_DURATION = "mirrorguard_audit_duration_seconds";
    public static final String AUDIT_LAST_SUCCESS = "mirrorguard_audit_last_success_timestamp_seconds";
    public static final String AUDITS = "mirrorguard_audits_total";
    public static final String AUDITS_SKIPPED = "mirrorguard_audits_skipped_total";
    public static final String FINDINGS = "mirrorguard_findings";
    public static final String RULE_FAILURES = "mirrorguard_rule_failures";
    public static final String RULE_CHECKS = "mirrorguard_rule_checks";
    public static final String CHECKS = "mirrorguard_checks";
    public static final String PEER_TRUST = "mirrorguard_peer_trust";
    public static final String CERTIFICATE_NOT_AFTER = "mirrorguard_certificate_not_after_timestamp_seconds";
    public static final String CERTIFICATE_NOT_BEFORE = "mirrorguard_certificate_not_before_timestamp_seconds";
    public static final String CERTIFICATE_INFO = "mirrorguard_certificate_info";
    public static final String ENDPOINT_INFO = "mirrorguard_endpoint_info";
    public static final String BUILD_INFO = "mirrorguard_build_info";
    public static final String REMEDIATIONS = "mirrorguard_remediations_total";

    /** Every mirrorguard_* family, in a stable order. */
    public static final List<String> ALL = List.of(INSTANCE_UP, AUDIT_DURATION, AUDIT_LAST_SUCCESS, AUDITS, AUDITS_SKIPPED,
            FINDINGS, RULE_FAILURES, RULE_CHECKS, CHECKS, PEER_TRUST, CERTIFICATE_NOT_AFTER, CERTIFICATE_NOT_BEFORE,
            CERTIFICATE_INFO,
            ENDPOINT_INFO, BUILD_INFO, REMEDIATIONS);

    private MetricFamilies() {}
}
