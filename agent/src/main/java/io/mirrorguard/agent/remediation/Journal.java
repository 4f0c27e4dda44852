package io.mirrorguard.agent.remediation;

import java.time.Instant;
import java.util.List;

/**
 * The remediation journal, whatever stores it: an agent's own file by default ({@link FileJournal}), the cluster's
 * PostgreSQL database with {@code storage.url} ({@link SharedJournal}). Callers never know which: both promise that
 * {@link #append} returns only once the record is durable, so a STARTED record exists before the first statement is
 * sent, and both read each action's latest record, STARTED only while its writer is alive.
 */
public interface Journal extends AutoCloseable {

    /** Writes one record durably (forced to disk / committed) before returning. */
    void append(JournalEntry entry);

    /** Every action's latest state, oldest first; STARTED of a writer that is gone reads INTERRUPTED. */
    List<JournalEntry> read();

    /** As {@link #read()}, for the actions started at or after {@code from}. */
    default List<JournalEntry> since(Instant from) {
        return read().stream().filter(e -> e.startedAt() != null && !e.startedAt().isBefore(from)).toList();
    }

    /** Where the journal lives, for messages: a file, or storage.url's table. */
    String location();

    /** Releases what the journal holds (a CLI's own database connection); the file journal holds nothing. */
    @Override
    default void close() {
    }
}
