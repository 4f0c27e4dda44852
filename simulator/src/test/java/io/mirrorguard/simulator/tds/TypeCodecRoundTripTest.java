package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorguard.simulator.api.SqlType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the server writes for a column, read back by the parameter decoder (both follow MS-TDS TYPE_INFO). */
class TypeCodecRoundTripTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(SqlType.BIT, false), Arguments.of(SqlType.BIT, null),
                Arguments.of(SqlType.TINYINT, (short) 0), Arguments.of(SqlType.TINYINT, (short) 255),
                Arguments.of(SqlType.SMALLINT, (short) -1), Arguments.of(SqlType.INT, 5022),
                Arguments.of(SqlType.INT, null), Arguments.of(SqlType.BIGINT, Long.MIN_VALUE),
                Arguments.of(SqlType.numeric(9, 2), new BigDecimal("-9999999.99")),
                Arguments.of(SqlType.numeric(19, 0), new BigDecimal("9223372036854775808")),
                Arguments.of(SqlType.numeric(28, 10), new BigDecimal("123456789012345678.0123456789")),
                Arguments.of(SqlType.numeric(38, 0), new BigDecimal("99999999999999999999999999999999999999")),
                Arguments.of(SqlType.numeric(10, 0), null),
                Arguments.of(SqlType.DATETIME, LocalDateTime.of(1753, 1, 1, 0, 0)),
                Arguments.of(SqlType.DATETIME, LocalDateTime.of(1899, 12, 31, 23, 59, 59, 997_000_000)),
                Arguments.of(SqlType.DATETIME, LocalDateTime.of(9999, 12, 31, 12, 0, 0, 3_333_333)),
                Arguments.of(SqlType.datetime2(0), LocalDateTime.of(1, 1, 1, 0, 0)),
                Arguments.of(SqlType.datetime2(3), LocalDateTime.of(2026, 11, 26, 8, 30, 1, 123_000_000)),
                Arguments.of(SqlType.datetime2(7), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900)),
                Arguments.of(SqlType.datetime2(7), null),
                Arguments.of(SqlType.UNIQUEIDENTIFIER, UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")),
                Arguments.of(SqlType.UNIQUEIDENTIFIER, null),
                Arguments.of(SqlType.SYSNAME, "Hadr_endpoint"), Arguments.of(SqlType.SYSNAME, ""),
                Arguments.of(SqlType.SYSNAME, null), Arguments.of(SqlType.nvarchar(-1), "€".repeat(9000)),
                Arguments.of(SqlType.nvarchar(-1), ""), Arguments.of(SqlType.nvarchar(-1), null),
                Arguments.of(SqlType.varchar(60), "CERTIFICATE"), Arguments.of(SqlType.varchar(-1), null),
                Arguments.of(SqlType.nchar(3), "abc"), Arguments.of(SqlType.charType(2), "ok"),
                Arguments.of(SqlType.varbinary(85), new byte[] {1, 5, 0, 0, 0, 0, 0, 5}),
                Arguments.of(SqlType.varbinary(-1), new byte[20_000]), Arguments.of(SqlType.varbinary(-1), null),
                Arguments.of(SqlType.binary(3), new byte[] {7, 8, 9}));
    }

    @ParameterizedTest
    @MethodSource("values")
    void roundTrips(SqlType type, Object value) throws Exception {
        TokenBuffer b = new TokenBuffer();
        b.bVarchar("@v").u8(0);
        TypeCodec.writeTypeInfo(b, type);
        TypeCodec.writeValue(b, type, value);
        PayloadReader r = new PayloadReader(b.toByteArray());
        RpcParamReader.RpcParam p = RpcParamReader.read(r);
        assertThat(r.remaining()).isZero();
        assertThat(p.name()).isEqualTo("@v");
        assertThat(p.type().kind()).isEqualTo(type.kind());
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) p.value()).containsExactly(bytes);
        } else if (value instanceof BigDecimal d) {
            assertThat((BigDecimal) p.value()).isEqualByComparingTo(d);
        } else if (type.kind() == SqlType.Kind.DATETIME && value != null) {
            // datetime keeps 1/300 s: compare within that resolution.
            long nanos = java.time.Duration.between((LocalDateTime) value, (LocalDateTime) p.value()).toNanos();
            assertThat(Math.abs(nanos)).isLessThanOrEqualTo(1_666_667L);
        } else {
            assertThat(p.value()).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @MethodSource("values")
    void truncatedValuesAreProtocolErrors(SqlType type, Object value) {
        TokenBuffer b = new TokenBuffer();
        b.bVarchar("@v").u8(0);
        TypeCodec.writeTypeInfo(b, type);
        TypeCodec.writeValue(b, type, value);
        byte[] all = b.toByteArray();
        byte[] cut = Arrays.copyOf(all, all.length - 1);
        assertThatThrownBy(() -> RpcParamReader.read(new PayloadReader(cut)))
                .isInstanceOf(TdsProtocolException.class);
    }

    @org.junit.jupiter.api.Test
    void valuesThatDoNotFitAreRejectedWithTheColumnType() {
        TokenBuffer b = new TokenBuffer();
        assertThatThrownBy(() -> TypeCodec.writeValue(b, SqlType.numeric(5, 0), new BigDecimal("1234567890123")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric(5,0)");
        assertThatThrownBy(() -> TypeCodec.writeValue(b, SqlType.varbinary(10), "text"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte[]");
    }
}
