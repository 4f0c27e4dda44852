package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns engine results into one response message. DONE tokens get MORE except the last, so the encoder remembers
 * each status offset and patches them when the message is finished.
 */
final class ResponseEncoder {
    private final TokenBuffer buf = new TokenBuffer(512);
    private final List<Integer> doneStatus = new ArrayList<>();
    private final String serverName;
    private int rowsStart = -1;
    private int rowsEnd = -1;
    private boolean anyError;

    ResponseEncoder(String serverName) {
        this.serverName = serverName;
    }

    TokenBuffer buffer() {
        return buf;
    }

    boolean anyError() {
        return anyError;
    }

    /** Offset inside the first result set's ROW tokens (for the DROP_CONNECTION fault), or -1 when none. */
    int cutPointInsideFirstRows() {
        return rowsStart < 0 ? -1 : rowsStart + Math.max(1, (rowsEnd - rowsStart) / 2);
    }

    /** Encodes a batch's items; in an RPC the per-statement DONEs are DONEINPROC. */
    void encode(BatchResult result, boolean inProc, String procName) {
        int doneToken = inProc ? Tokens.DONEINPROC : Tokens.DONE;
        boolean pendingMessages = false;
        for (ResultItem item : result.items()) {
            if (item instanceof ResultItem.Rows rows) {
                Tokens.colMetadata(buf, rows.columns());
                int start = buf.size();
                for (List<Object> row : rows.rows()) {
                    Tokens.row(buf, rows.columns(), row);
                }
                if (rowsStart < 0 && !rows.rows().isEmpty()) {
                    rowsStart = start;
                    rowsEnd = buf.size();
                }
                done(doneToken, Tokens.DONE_COUNT, Tokens.CMD_SELECT, rows.rows().size());
                pendingMessages = false;
            } else if (item instanceof ResultItem.RowCount count) {
                done(doneToken, Tokens.DONE_COUNT, Tokens.CMD_UPDATE, count.count());
                pendingMessages = false;
            } else if (item instanceof ResultItem.Message m) {
                Tokens.message(buf, m.error(), m.number(), m.state(), m.severity(),
                        m.text() == null ? "" : m.text(), serverName, procName, m.line());
                if (m.error()) {
                    anyError = true;
                    // SQL Server closes the failed statement with its own DONE(ERROR).
                    done(doneToken, Tokens.DONE_ERROR, Tokens.CMD_NONE, 0);
                    pendingMessages = false;
                } else {
                    pendingMessages = true;
                }
            }
        }
        if (pendingMessages || (!inProc && doneStatus.isEmpty())) {
            done(doneToken, 0, Tokens.CMD_NONE, 0);
        }
    }

    void done(int token, int status, int curCmd, long rows) {
        doneStatus.add(Tokens.done(buf, token, status, curCmd, rows));
    }

    /** Marks every DONE but the last with MORE. */
    byte[] finish() {
        for (int i = 0; i < doneStatus.size() - 1; i++) {
            int at = doneStatus.get(i);
            buf.setU16(at, buf.getU16(at) | Tokens.DONE_MORE);
        }
        if (!doneStatus.isEmpty()) {
            int last = doneStatus.get(doneStatus.size() - 1);
            buf.setU16(last, buf.getU16(last) & ~Tokens.DONE_MORE);
        }
        return buf.array();
    }

    int length() {
        return buf.size();
    }
}
