package io.mirrorguard.simulator.api;

import java.util.List;

/** A logged-in connection's server-side state: current database, prepared handles live in the wire layer. */
public interface SqlSession extends AutoCloseable {

    /** The current database name (ENVCHANGE type 1 after login and after USE). */
    String database();

    /** The login name this session runs as. */
    String loginName();

    /**
     * Runs one batch (several statements, GO is not part of T-SQL and never reaches here). Never throws for a SQL
     * error: errors are {@link ResultItem.Message} items with {@code error() == true}, and statements after a
     * batch-aborting error are not run, as on SQL Server. Parameters come from sp_executesql / sp_prepexec and are
     * referenced by name (for example {@code @P0}) in {@code sql}.
     *
     * @param cancel checked while the batch runs; once cancelled the batch stops and returns what it produced so far
     */
    BatchResult execute(String sql, List<SqlParam> params, CancelToken cancel);

    @Override
    void close();
}
