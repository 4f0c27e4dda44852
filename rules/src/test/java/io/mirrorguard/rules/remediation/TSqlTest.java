package io.mirrorguard.rules.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TSqlTest {

    @Test
    void names_are_bracketed_with_closing_brackets_doubled() {
        assertThat(TSql.name("SQLB_login")).isEqualTo("[SQLB_login]");
        assertThat(TSql.name("a]b")).isEqualTo("[a]]b]");
        assertThat(TSql.name("x]; DROP LOGIN sa; --")).isEqualTo("[x]]; DROP LOGIN sa; --]");
        assertThat(TSql.name("[already]")).isEqualTo("[[already]]]");
        assertThat(TSql.name("witness 'W' ü")).isEqualTo("[witness 'W' ü]");
    }

    @Test
    void literals_double_single_quotes_and_are_unicode() {
        assertThat(TSql.literal("O'Brien")).isEqualTo("N'O''Brien'");
        assertThat(TSql.literal("'; SHUTDOWN; --")).isEqualTo("N'''; SHUTDOWN; --'");
        assertThat(TSql.literal("日本")).isEqualTo("N'日本'");
        assertThat(TSql.literal(null)).isEqualTo("NULL");
    }

    @Test
    void names_quotename_would_reject_are_refused() {
        assertThatThrownBy(() -> TSql.name("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TSql.name("x".repeat(129))).hasMessageContaining("128");
        assertThat(TSql.name("x".repeat(128))).hasSize(130);
    }

    @Test
    void data_that_looks_like_a_secret_placeholder_is_refused() {
        assertThatThrownBy(() -> TSql.name("$(secret:masterKeyPassword)"))
                .hasMessageContaining("placeholder");
        assertThatThrownBy(() -> TSql.literal("a$(generated:x)b")).hasMessageContaining("placeholder");
        assertThat(TSql.name("$(not a placeholder")).isEqualTo("[$(not a placeholder]");
    }

    @Test
    void binary_literals_are_upper_hex() {
        assertThat(TSql.binary(new byte[] {0x30, (byte) 0x82, 0x0a})).isEqualTo("0x30820A");
        assertThatThrownBy(() -> TSql.binary(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
