package io.mirrorguard.rules.model;

import java.util.Objects;

/**
 * One catalog section of an instance: its value when {@link SectionStatus#READ}, else why it is missing.
 *
 * @param value  present only when status is READ
 * @param reason human-readable cause when not READ (never contains secrets)
 */
public record Section<T>(SectionStatus status, T value, String reason) {

    public Section {
        Objects.requireNonNull(status, "status");
        if (status == SectionStatus.READ && value == null) {
            throw new IllegalArgumentException("a READ section needs a value");
        }
        if (status != SectionStatus.READ && value != null) {
            throw new IllegalArgumentException("only a READ section carries a value");
        }
    }

    public static <T> Section<T> read(T value) {
        return new Section<>(SectionStatus.READ, value, null);
    }

    public static <T> Section<T> notVisible(String reason) {
        return new Section<>(SectionStatus.NOT_VISIBLE, null, reason);
    }

    public static <T> Section<T> failed(String reason) {
        return new Section<>(SectionStatus.FAILED, null, reason);
    }

    public static <T> Section<T> notCollected(String reason) {
        return new Section<>(SectionStatus.NOT_COLLECTED, null, reason);
    }

    public boolean isRead() {
        return status == SectionStatus.READ;
    }

    /** "status: reason" for evidence when the section is missing. */
    public String describeGap() {
        return status.name() + (reason == null ? "" : ": " + reason);
    }
}
