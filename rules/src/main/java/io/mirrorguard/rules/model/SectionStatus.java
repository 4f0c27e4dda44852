package io.mirrorguard.rules.model;

/** Whether a catalog section could be read; rules tell ERROR (unreadable) from absence (read, empty) with it. */
public enum SectionStatus {
    /** Read completely. */
    READ,
    /** The audit login may not see it (permission gap): absence proves nothing. */
    NOT_VISIBLE,
    /** Reading it failed (timeout, dropped connection, unexpected error). */
    FAILED,
    /** Not attempted, typically because the instance could not be reached at all. */
    NOT_COLLECTED
}
