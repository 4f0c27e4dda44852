package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlError;
import java.util.List;
import java.util.Set;

/**
 * Where an error sends execution, following SQL Server: compile errors stop a batch before it runs; name-resolution
 * errors of a statement compiled late (deferred name resolution) end the current scope and cannot be caught by a
 * TRY of that scope; conversion errors and THROW end the whole batch unless a TRY catches them; other errors of
 * severity 11-19 end only the statement unless a TRY catches them; severity 20+ ends the batch uncaught.
 */
final class ErrorFlow {

    private ErrorFlow() {}

    enum Kind { STATEMENT, BATCH, SCOPE, FATAL }

    /** Errors SQL Server raises while compiling: at batch compile they stop the batch, later they end the scope. */
    static final Set<Integer> COMPILE = Set.of(102, 105, 113, 134, 137, 141, 156, 195, 207, 208, 209, 243, 2715, 4104,
        8120, 10704);

    /** Run-time errors that abort the batch (Erland Sommarskog's "batch-abortion" class; conversion failures). */
    private static final Set<Integer> BATCH = Set.of(245, 8114);

    /** THROW: terminates the batch when no TRY catches it. */
    static final class Thrown extends SqlError {
        Thrown(int number, int severity, int state, String message, int line) {
            super(number, severity, state, message, line);
        }

        @Override
        public SqlError atLine(int newLine) {
            return new Thrown(number(), severity(), state(), getMessage(), newLine);
        }
    }

    static Kind classify(SqlError e) {
        if (e.severity() >= 20) return Kind.FATAL;
        if (e instanceof Thrown) return Kind.BATCH;
        if (COMPILE.contains(e.number())) return Kind.SCOPE;
        if (BATCH.contains(e.number())) return Kind.BATCH;
        return Kind.STATEMENT;
    }

    /** The batch stops here; what it produced so far (including the error message) stays. */
    static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    /** An error inside a TRY on its way to the CATCH; never reaches the client. */
    static final class Caught extends RuntimeException {
        final SqlError error;

        Caught(SqlError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /** A late compile error: ends the current scope (batch or dynamic SQL) past any TRY of that scope. */
    static final class ScopeAbort extends RuntimeException {
        final SqlError error;

        ScopeAbort(SqlError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /** A lower scope (EXEC of a string, sp_executesql) ended by a compile error: an error of the calling statement. */
    static final class LowerScopeFailed extends RuntimeException {
        final SqlError error;

        LowerScopeFailed(SqlError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    static final class Break extends RuntimeException {
        Break() {
            super(null, null, false, false);
        }
    }

    static final class Continue extends RuntimeException {
        Continue() {
            super(null, null, false, false);
        }
    }

    /** Applies {@code kind} to error {@code e} raised by a statement of the running scope. */
    static void handle(EngineSession s, List<ResultItem> out, SqlError e, Kind kind) {
        s.lastError = e.number();
        switch (kind) {
            case FATAL -> {
                out.add(ResultItem.Message.of(e));
                throw new Abort();
            }
            case SCOPE -> throw new ScopeAbort(e);
            case BATCH -> {
                if (s.tryDepth > 0) throw new Caught(e);
                out.add(ResultItem.Message.of(e));
                if (s.xactAbort && s.tranCount() > 0) s.rollbackTran();
                throw new Abort();
            }
            case STATEMENT -> {
                if (s.tryDepth > 0) throw new Caught(e);
                out.add(ResultItem.Message.of(e));
                if (s.xactAbort) {
                    if (s.tranCount() > 0) s.rollbackTran();
                    throw new Abort();
                }
            }
        }
    }
}
