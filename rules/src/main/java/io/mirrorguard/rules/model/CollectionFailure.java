package io.mirrorguard.rules.model;

/** Why an instance's catalog could not be read. */
public enum CollectionFailure {
    UNREACHABLE,
    LOGIN_FAILED,
    TLS_FAILED,
    TIMEOUT,
    CONNECTION_LOST,
    PERMISSION_DENIED,
    WRONG_SERVER,
    ERROR
}
