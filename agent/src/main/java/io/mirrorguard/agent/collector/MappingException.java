package io.mirrorguard.agent.collector;

/** A result set did not have the shape the mapper needs (missing column, wrong type); the section is FAILED. */
final class MappingException extends RuntimeException {
    MappingException(String message) {
        super(message);
    }
}
