package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlSelectorsTest {

    @Test
    void literalAndAlternationValuesAreExpected() {
        assertThat(PromqlSelectors.expectedValues("sum by (job, instance) (mirrorguard_rule_checks{outcome=~\"PASS|FAIL\","
                + "job=\"mirrorguard\"}) / x{usage = \"endpoint\"}")).extracting(PromqlSelectors.Expectation::selector)
                .containsExactly("mirrorguard_rule_checks{outcome=\"PASS\"}", "mirrorguard_rule_checks{outcome=\"FAIL\"}",
                        "mirrorguard_rule_checks{job=\"mirrorguard\"}", "x{usage=\"endpoint\"}");
    }

    @Test
    void negativeMatchersAndRealRegexesAssumeNothing() {
        assertThat(PromqlSelectors.expectedValues("a{rule!~\"x|y\",b!=\"c\",d=~\"S.*\"} or vector(0)")).isEmpty();
    }

    @Test
    void escapedValuesAreUnescapedAndQuotedAgainInTheSelector() {
        PromqlSelectors.Expectation e = PromqlSelectors.expectedValues("a{subject=\"say \\\"hi\\\"\"}").get(0);
        assertThat(e.value()).isEqualTo("say \"hi\"");
        assertThat(e.selector()).isEqualTo("a{subject=\"say \\\"hi\\\"\"}");
    }
}
