package io.laminardb.engine;

/**
 * Base class of every exception LaminarDB throws. Unchecked: each subclass names a mistake the caller can fix (a
 * malformed statement, an unknown source, a schema mismatch) or a state it can react to (a full or closed source), and
 * its message says what was wrong and how to fix it.
 */
public class LaminarException extends RuntimeException {

    public LaminarException(String message) {
        super(message);
    }

    public LaminarException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions thrown on hot paths: no stack trace, no suppression. */
    protected LaminarException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
