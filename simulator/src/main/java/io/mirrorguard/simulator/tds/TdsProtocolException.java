package io.mirrorguard.simulator.tds;

import java.io.IOException;

/** The peer sent something that is not valid TDS; the connection that received it is closed. */
final class TdsProtocolException extends IOException {
    TdsProtocolException(String message) {
        super(message);
    }
}
