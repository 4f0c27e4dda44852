package io.mirrorguard.simulator.engine.catalog;

import java.util.List;
import java.util.Set;

/**
 * A T-SQL query rewritten for the embedded engine.
 *
 * @param assignTo for {@code SELECT @a = x, @b = y}: the variables the last row is assigned to, else empty
 * @param nationalColumns result columns SQL Server types as nvarchar although the embedded engine computes them as
 *                        varchar (a concatenation with a Unicode operand)
 */
public record TranslatedQuery(String sql, List<QueryParam> params, List<String> assignTo, Set<Integer> nationalColumns) {
    public TranslatedQuery {
        params = List.copyOf(params);
        assignTo = List.copyOf(assignTo);
        nationalColumns = Set.copyOf(nationalColumns);
    }

    public TranslatedQuery(String sql, List<QueryParam> params, List<String> assignTo) {
        this(sql, params, assignTo, Set.of());
    }
}
