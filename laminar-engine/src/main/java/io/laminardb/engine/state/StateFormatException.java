package io.laminardb.engine.state;

import io.laminardb.engine.LaminarException;

/** State bytes that cannot be read: another format, a newer version, a failed checksum, or data cut short. */
public final class StateFormatException extends LaminarException {

    public StateFormatException(String message) {
        super(message);
    }

    public StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
