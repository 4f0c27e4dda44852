package io.mirrorguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextReportRendererTest {

    private final String unicode = new TextReportRenderer(false).render(ReportFixtures.report());
    private final String ascii = new TextReportRenderer(true).render(ReportFixtures.report());

    private static String block(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' in report", from).isNotNegative();
        int end = to == null ? text.length() : text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Test
    void reads_as_a_checklist_per_instance_in_procedure_order() {
        String sqla = block(unicode, "== SQLA (audited) ==", "== SQLB");
        assertThat(sqla.indexOf("  Outbound")).isLessThan(sqla.indexOf("  Inbound from SQLB"));
        assertThat(sqla.indexOf("  Inbound from SQLB")).isLessThan(sqla.indexOf("  Security"));
        assertThat(sqla.indexOf("Master key present")).isLessThan(sqla.indexOf("Mirroring endpoint started"));
        assertThat(sqla).contains("\u2714 Master key present in master", "\u2718 Mirroring endpoint started [CRITICAL]",
                "\u2013 CONNECT not granted to public");
    }

    @Test
    void shows_evidence_under_fail_and_error_only() {
        String started = block(unicode, "\u2718 Mirroring endpoint started", "\u2718 Endpoint certificate backed up");
        assertThat(started).contains("observed: observed endpoint-started", "expected: expected endpoint-started",
                "step: Outbound step 3: create the endpoint", "fix: docs/rules/endpoint-started.md");
        String pass = block(unicode, "\u2714 Master key present in master", "\u2718 Mirroring endpoint started");
        assertThat(pass).doesNotContain("observed:");
        String sqlb = block(unicode, "== SQLB", "== SQLW");
        assertThat(sqlb).contains("! Peer login holds CONNECT", "observed: observed peer-login-connect-granted");
    }

    @Test
    void names_waivers_and_expired_waivers() {
        assertThat(unicode).contains("WAIVED: change CHG-1 in progress (until 2027-01-31)");
        assertThat(unicode).contains("waiver EXPIRED: old waiver (until 2026-01-01)");
    }

    @Test
    void lists_trust_in_both_directions_and_links() {
        assertThat(unicode).contains("\u2714 SQLA <- SQLB", "\u2718 SQLB <- SQLA  missing: certificate, CONNECT");
        assertThat(unicode).contains("SQLA \u2194 SQLB  partner (from config, sys.database_mirroring)");
    }

    @Test
    void not_audited_instance_says_why() {
        assertThat(unicode).contains("(NOT AUDITED: UNREACHABLE: connection refused)");
    }

    @Test
    void ascii_mode_is_pure_ascii() {
        String withoutHostileName = ascii;
        assertThat(withoutHostileName.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(ascii).contains("+ Master key present in master", "x Mirroring endpoint started [CRITICAL]",
                "- CONNECT not granted to public", "SQLA <-> SQLB");
    }

    @Test
    void control_characters_from_servers_cannot_drive_the_terminal() {
        assertThat(unicode).doesNotContain("\u001b").contains("\\u001b[31m");
    }
}
