package io.laminardb.engine.connector;

/** A message that is not valid in its format, or does not fit the schema; the message says which and where. */
public class DecodeException extends Exception {

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
