package io.mirrorguard.simulator.engine.catalog;

import java.util.List;

/**
 * A T-SQL query rewritten for the embedded engine.
 *
 * @param assignTo for {@code SELECT @a = x, @b = y}: the variables the last row is assigned to, else empty
 */
public record TranslatedQuery(String sql, List<QueryParam> params, List<String> assignTo) {
    public TranslatedQuery {
        params = List.copyOf(params);
        assignTo = List.copyOf(assignTo);
    }
}
