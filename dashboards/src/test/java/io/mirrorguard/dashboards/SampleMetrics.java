package io.mirrorguard.dashboards;

import java.time.Duration;
import java.time.Instant;

/**
 * A hand-written scrape in the shape the brief fixes for the agent (docs/monitoring.md lists the metrics): three
 * instances, where SQLA does not require encryption, allows RC4 and has a certificate expiring in 20 days, SQLB
 * grants CONNECT to public, has a certificate expiring in 3 days and does not trust SQLA, and SQLC is unreachable and
 * stale. Label values are written as the agent writes them (AgentPrometheusEndToEndTest checks the agent's).
 */
final class SampleMetrics {
    private SampleMetrics() {
    }

    static String render(Instant now) {
        long t = now.getEpochSecond();
        long day = Duration.ofDays(1).toSeconds();
        StringBuilder s = new StringBuilder();
        family(s, "mirrorguard_build_info", "gauge", "Agent build");
        s.append("mirrorguard_build_info{agent=\"agent-1\",version=\"0.1.0-SNAPSHOT\"} 1\n");
        family(s, "mirrorguard_instance_up", "gauge", "1 when the last audit read the catalog");
        sample(s, "mirrorguard_instance_up", "instance=\"SQLA\"", 1);
        sample(s, "mirrorguard_instance_up", "instance=\"SQLB\"", 1);
        sample(s, "mirrorguard_instance_up", "instance=\"SQLC\"", 0);
        family(s, "mirrorguard_audit_duration_seconds", "gauge", "Duration of the last audit");
        sample(s, "mirrorguard_audit_duration_seconds", "instance=\"SQLA\"", 0.42);
        sample(s, "mirrorguard_audit_duration_seconds", "instance=\"SQLB\"", 0.37);
        sample(s, "mirrorguard_audit_duration_seconds", "instance=\"SQLC\"", 10.0);
        family(s, "mirrorguard_audit_last_success_timestamp_seconds", "gauge", "Last successful audit");
        sample(s, "mirrorguard_audit_last_success_timestamp_seconds", "instance=\"SQLA\"", t - 60);
        sample(s, "mirrorguard_audit_last_success_timestamp_seconds", "instance=\"SQLB\"", t - 120);
        sample(s, "mirrorguard_audit_last_success_timestamp_seconds", "instance=\"SQLC\"", t - 7200);
        family(s, "mirrorguard_audits_total", "counter", "Audits by outcome");
        sample(s, "mirrorguard_audits_total", "instance=\"SQLA\",outcome=\"success\"", 12);
        sample(s, "mirrorguard_audits_total", "instance=\"SQLB\",outcome=\"success\"", 12);
        sample(s, "mirrorguard_audits_total", "instance=\"SQLC\",outcome=\"failure\"", 12);
        family(s, "mirrorguard_audits_skipped_total", "counter", "Scheduled periods not audited, by reason");
        sample(s, "mirrorguard_audits_skipped_total", "instance=\"SQLA\",reason=\"misfire\"", 0);
        sample(s, "mirrorguard_audits_skipped_total", "instance=\"SQLA\",reason=\"overrun\"", 0);
        sample(s, "mirrorguard_audits_skipped_total", "instance=\"SQLC\",reason=\"overrun\"", 1);
        family(s, "mirrorguard_findings", "gauge", "FAIL findings by severity");
        sample(s, "mirrorguard_findings", "instance=\"SQLA\",severity=\"CRITICAL\"", 1);
        sample(s, "mirrorguard_findings", "instance=\"SQLA\",severity=\"HIGH\"", 1);
        sample(s, "mirrorguard_findings", "instance=\"SQLB\",severity=\"HIGH\"", 2);
        sample(s, "mirrorguard_findings", "instance=\"SQLB\",severity=\"CRITICAL\"", 1);
        // the default shape (metrics.ruleDetail: nonpass): per-rule series only for rules with a non-PASS finding
        family(s, "mirrorguard_rule_failures", "gauge", "FAIL findings per rule");
        ruleFailure(s, "SQLA", "endpoint-encryption-required", "CRITICAL", 1);
        ruleFailure(s, "SQLA", "endpoint-encryption-aes-only", "HIGH", 1);
        ruleFailure(s, "SQLB", "endpoint-connect-not-public", "HIGH", 1);
        ruleFailure(s, "SQLB", "peer-certificate-installed", "CRITICAL", 1);
        ruleFailure(s, "SQLB", "mirroring-session-healthy", "HIGH", 0);
        ruleFailure(s, "SQLC", "instance-audited", "HIGH", 1);
        ruleFailure(s, "SQLC", "endpoint-present", "CRITICAL", 0);
        family(s, "mirrorguard_rule_checks", "gauge", "Findings by outcome per rule");
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLA\",rule=\"endpoint-encryption-required\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLA\",rule=\"endpoint-encryption-aes-only\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLB\",rule=\"endpoint-connect-not-public\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLB\",rule=\"peer-certificate-installed\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLB\",rule=\"mirroring-session-healthy\",outcome=\"NOT_APPLICABLE\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLC\",rule=\"instance-audited\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_rule_checks", "instance=\"SQLC\",rule=\"endpoint-present\",outcome=\"ERROR\"", 1);
        family(s, "mirrorguard_checks", "gauge", "Findings by outcome, all rules");
        sample(s, "mirrorguard_checks", "instance=\"SQLA\",outcome=\"PASS\"", 4);
        sample(s, "mirrorguard_checks", "instance=\"SQLA\",outcome=\"FAIL\"", 2);
        sample(s, "mirrorguard_checks", "instance=\"SQLB\",outcome=\"PASS\"", 3);
        sample(s, "mirrorguard_checks", "instance=\"SQLB\",outcome=\"FAIL\"", 2);
        sample(s, "mirrorguard_checks", "instance=\"SQLB\",outcome=\"NOT_APPLICABLE\"", 1);
        sample(s, "mirrorguard_checks", "instance=\"SQLC\",outcome=\"FAIL\"", 1);
        sample(s, "mirrorguard_checks", "instance=\"SQLC\",outcome=\"ERROR\"", 1);
        family(s, "mirrorguard_peer_trust", "gauge", "1 when instance trusts peer completely");
        sample(s, "mirrorguard_peer_trust", "instance=\"SQLA\",peer=\"SQLB\"", 1);
        sample(s, "mirrorguard_peer_trust", "instance=\"SQLB\",peer=\"SQLA\"", 0);
        family(s, "mirrorguard_certificate_not_after_timestamp_seconds", "gauge", "Certificate expiry");
        certificate(s, "not_after", "SQLA", "SQLA_cert", "endpoint", t + 20 * day);
        certificate(s, "not_after", "SQLB", "SQLB_cert", "endpoint", t + 3 * day);
        certificate(s, "not_after", "SQLA", "SQLB_cert", "peer", t + 3 * day);
        certificate(s, "not_after", "SQLB", "SQLA_cert", "peer", t + 20 * day);
        certificate(s, "not_after", "SQLA", "SQLC_old", "peer", t - day);
        family(s, "mirrorguard_certificate_not_before_timestamp_seconds", "gauge", "Certificate start");
        certificate(s, "not_before", "SQLA", "SQLA_cert", "endpoint", t - 300 * day);
        certificate(s, "not_before", "SQLB", "SQLB_cert", "endpoint", t - 300 * day);
        certificate(s, "not_before", "SQLA", "SQLB_cert", "peer", t - 300 * day);
        certificate(s, "not_before", "SQLB", "SQLA_cert", "peer", t - 300 * day);
        certificate(s, "not_before", "SQLA", "SQLC_old", "peer", t - 700 * day);
        family(s, "mirrorguard_certificate_info", "gauge", "Certificate facts");
        s.append("mirrorguard_certificate_info{instance=\"SQLA\",certificate=\"SQLA_cert\",thumbprint=\"0x1A2B\","
                + "subject=\"SQLA endpoint\",key_bits=\"2048\",signature_algorithm=\"sha256RSA\"} 1\n");
        s.append("mirrorguard_certificate_info{instance=\"SQLB\",certificate=\"SQLB_cert\",thumbprint=\"0x3C4D\","
                + "subject=\"SQLB endpoint\",key_bits=\"1024\",signature_algorithm=\"sha1RSA\"} 1\n");
        family(s, "mirrorguard_endpoint_info", "gauge", "Mirroring endpoint facts");
        s.append("mirrorguard_endpoint_info{instance=\"SQLA\",endpoint=\"Mirroring\",state=\"STARTED\",role=\"ALL\","
                + "authentication=\"CERTIFICATE\",encryption=\"SUPPORTED\",algorithm=\"RC4 AES\",port=\"5022\"} 1\n");
        s.append("mirrorguard_endpoint_info{instance=\"SQLB\",endpoint=\"Mirroring\",state=\"STARTED\",role=\"PARTNER\","
                + "authentication=\"NEGOTIATE, CERTIFICATE\",encryption=\"REQUIRED\",algorithm=\"AES\",port=\"5023\"} 1\n");
        family(s, "mirrorguard_remediations_total", "counter", "Remediations");
        sample(s, "mirrorguard_remediations_total",
                "instance=\"SQLA\",rule=\"endpoint-encryption-required\",mode=\"dry_run\",outcome=\"success\"", 2);
        return s.toString();
    }

    private static void family(StringBuilder s, String name, String type, String help) {
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder s, String name, String labels, double value) {
        s.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static void ruleFailure(StringBuilder s, String instance, String rule, String severity, int value) {
        sample(s, "mirrorguard_rule_failures",
                "instance=\"" + instance + "\",rule=\"" + rule + "\",severity=\"" + severity + "\"", value);
    }

    private static void certificate(StringBuilder s, String bound, String instance, String certificate, String usage,
            long epochSeconds) {
        sample(s, "mirrorguard_certificate_" + bound + "_timestamp_seconds",
                "instance=\"" + instance + "\",certificate=\"" + certificate + "\",usage=\"" + usage + "\"",
                epochSeconds);
    }
}
