package io.mirrorguard.simulator.api;

import java.util.List;

/**
 * Everything a batch produced, in order. The wire layer turns each item into tokens: a result set into
 * COLMETADATA + ROWs + DONE(IN_PROC/MORE), a row count into DONE with DONE_COUNT, a message into INFO or ERROR.
 *
 * @param databaseChangedTo non-null when a USE changed the database (the wire layer sends ENVCHANGE type 1)
 * @param cancelled         true when the batch stopped because of {@link CancelToken}
 */
public record BatchResult(List<ResultItem> items, String databaseChangedTo, boolean cancelled) {
    public BatchResult {
        items = List.copyOf(items);
    }
}
