package io.laminardb.engine;

/**
 * A database with a data directory could not be opened, recovered or checkpointed: the directory is in use by another
 * process, a log or checkpoint is damaged, or the stored state does not fit the declared queries. The message names
 * the file or object and what to do.
 */
public class DurabilityException extends LaminarException {

    public DurabilityException(String message) {
        super(message);
    }

    public DurabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
