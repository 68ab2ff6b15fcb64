package io.laminardb.engine.wal;

import io.laminardb.engine.LaminarException;

/**
 * A write-ahead log could not do what was asked: a file could not be created, written or forced, or the log is closed.
 * After a failed force the log refuses every further append and wait, because the operating system may have dropped
 * the pages it could not write and report a later force as successful; reopening the log recovers what is on disk.
 */
public class WalException extends LaminarException {

    public WalException(String message) {
        super(message);
    }

    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
