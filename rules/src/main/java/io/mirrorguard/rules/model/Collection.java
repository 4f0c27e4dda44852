package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * How the collection of one instance went as a whole.
 *
 * @param failure    null when the catalog batch ran; else why no (or not all) facts could be read
 * @param reason     detail of the failure for evidence (driver message without secrets)
 * @param roundTrips SQL round trips the collection used (goal: 1)
 */
public record Collection(Instant startedAt, long durationMillis, CollectionFailure failure, String reason, int roundTrips) {

    public static Collection ok(Instant startedAt, long durationMillis, int roundTrips) {
        return new Collection(startedAt, durationMillis, null, null, roundTrips);
    }

    public static Collection failed(Instant startedAt, long durationMillis, CollectionFailure failure, String reason) {
        return new Collection(startedAt, durationMillis, failure, reason, 0);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
