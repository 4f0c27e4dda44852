package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlNamesTest {

    @Test
    void findsSelectorsButNotFunctionsLabelsOrKeywords() {
        assertThat(PromqlNames.metricNames(
                "sum by (instance, rule) (mirrorguard_rule_failures{rule=~\"a|b\", instance!=\"x y\"}) > 0"))
                .containsExactly("mirrorguard_rule_failures");
        assertThat(PromqlNames.metricNames("count(mirrorguard_peer_trust == 0) or vector(0)"))
                .containsExactly("mirrorguard_peer_trust");
    }

    @Test
    void findsBothSidesOfJoinsAndRecordedNames() {
        assertThat(PromqlNames.metricNames("(instance:mirrorguard_certificate_expiry:seconds_remaining / 86400) "
                + "* on (instance, certificate) group_left (thumbprint) mirrorguard_certificate_info "
                + "or on (instance) up{job=\"mirrorguard\"} offset 5m"))
                .containsExactly("instance:mirrorguard_certificate_expiry:seconds_remaining",
                        "mirrorguard_certificate_info", "up");
    }

    @Test
    void skipsDurationsNumbersAndStrings() {
        assertThat(PromqlNames.metricNames(
                "increase(mirrorguard_audits_total{outcome=\"failure or success\"}[1h:5m]) > 1e3 * 30 * 86400"))
                .containsExactly("mirrorguard_audits_total");
        assertThat(PromqlNames.metricNames("absent(up{job='mirrorguard'}) unless bool time()"))
                .containsExactly("up");
    }
}
