package io.mirrorguard.simulator.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.SqlType;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link CatalogSchema.View#indexOf} answers as a case-insensitive scan of the view's columns would. */
class CatalogViewColumnsTest {

    private static int scan(CatalogSchema.View v, String column) {
        for (int i = 0; i < v.columns().size(); i++) {
            if (v.columns().get(i).name().equalsIgnoreCase(column)) return i;
        }
        return -1;
    }

    @Test
    void every_documented_column_is_found_in_any_case_and_unknown_ones_are_not() {
        for (CatalogSchema.View v : CatalogSchema.get().views().values()) {
            assertThat(v.columnIndex()).as(v.name()).isNotEmpty();
            for (CatalogSchema.Column c : v.columns()) {
                for (String asked : List.of(c.name(), c.name().toUpperCase(Locale.ROOT), c.name().toLowerCase(Locale.ROOT))) {
                    assertThat(v.indexOf(asked)).as(v.name() + "." + asked).isEqualTo(scan(v, asked));
                }
            }
            assertThat(v.indexOf("no_such_column")).isEqualTo(-1);
            assertThat(v.indexOf("naïve")).isEqualTo(-1);
        }
    }

    @Test
    void a_view_with_a_column_name_beyond_ascii_is_scanned() {
        SqlType type = CatalogSchema.get().views().values().iterator().next().columns().get(0).type();
        CatalogSchema.View v = new CatalogSchema.View("sys.test", true, List.of(
                new CatalogSchema.Column("name", "sysname", type), new CatalogSchema.Column("Größe", "int", type)));

        assertThat(v.columnIndex()).isEmpty();
        assertThat(v.indexOf("NAME")).isZero();
        assertThat(v.indexOf("größe")).isEqualTo(1);
        assertThat(v.indexOf("missing")).isEqualTo(-1);
    }
}
