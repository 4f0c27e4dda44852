package io.mirrorguard.agent.collector;

import java.util.List;

/**
 * What the batch returned for one section: its rows, the error its CATCH block reported, or nothing at all.
 *
 * @param errorNumber  ERROR_NUMBER() when status is ERROR
 * @param errorMessage ERROR_MESSAGE() when status is ERROR, or why the section is MISSING
 */
record RawSection(CatalogSection section, Status status, List<Row> rows, Integer errorNumber, String errorMessage) {

    enum Status { READ, ERROR, MISSING }

    RawSection {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    static RawSection read(CatalogSection section, List<Row> rows) {
        return new RawSection(section, Status.READ, rows, null, null);
    }

    static RawSection error(CatalogSection section, Integer number, String message) {
        return new RawSection(section, Status.ERROR, List.of(), number, message);
    }

    static RawSection missing(CatalogSection section, String why) {
        return new RawSection(section, Status.MISSING, List.of(), null, why);
    }
}
