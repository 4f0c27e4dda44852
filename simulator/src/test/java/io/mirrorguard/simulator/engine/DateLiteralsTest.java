package io.mirrorguard.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorguard.simulator.api.SqlError;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** datetime string literals under us_english (DATEFORMAT mdy), as START_DATE / EXPIRY_DATE take them. */
class DateLiteralsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "11/30/2013|2013-11-30T00:00",
        "1/2/2030|2030-01-02T00:00",
        "12-31-2030|2030-12-31T00:00",
        "12.31.2030|2030-12-31T00:00",
        "12/31/30|2030-12-31T00:00",
        "12/31/50|1950-12-31T00:00",
        "20301231|2030-12-31T00:00",
        "20301231 23:59:59|2030-12-31T23:59:59",
        "2030-12-31|2030-12-31T00:00",
        "2030/12/31|2030-12-31T00:00",
        "2030-12-31 08:15|2030-12-31T08:15",
        "2030-12-31T23:59:59|2030-12-31T23:59:59",
        "2030-12-31T23:59:59.997|2030-12-31T23:59:59.997",
        "Dec 31 2030|2030-12-31T00:00",
        "dec 31, 2030|2030-12-31T00:00",
        "December 31 2030 11:59 PM|2030-12-31T23:59",
        "31 Dec 2030|2030-12-31T00:00",
        "12/31/2030 12:00 AM|2030-12-31T00:00",
        "12/31/2030 1 PM|2030-12-31T13:00",
        "  2030-12-31  |2030-12-31T00:00",
    })
    void acceptsTheFormatsSqlServerAccepts(String literal, String expected) {
        assertThat(DateLiterals.parse(literal, false)).isEqualTo(LocalDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "banana", "31/12/2030 extra", "2030-12-31Z", "Smarch 3 2030", "12/31", "2030-12-31T"})
    void rejectsWhatIsNotADateWithMsg241(String literal) {
        assertThatThrownBy(() -> DateLiterals.parse(literal, false)).isInstanceOfSatisfying(SqlError.class, e -> {
            assertThat(e.number()).isEqualTo(241);
            assertThat(e.severity()).isEqualTo(16);
            assertThat(e.getMessage()).contains("Conversion failed when converting date and/or time from character string.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/12/2030", "2030-02-30", "13/01/2030", "1700-01-01", "12/31/2030 25:00", "12/31/2030 13:00 PM"})
    void rejectsImpossibleDatesWithMsg242NamingTheSourceType(String literal) {
        assertThatThrownBy(() -> DateLiterals.parse(literal, true)).isInstanceOfSatisfying(SqlError.class, e -> {
            assertThat(e.number()).isEqualTo(242);
            assertThat(e.getMessage()).isEqualTo(
                "The conversion of a nvarchar data type to a datetime data type resulted in an out-of-range value.");
        });
    }
}
