package io.laminardb.engine;

/**
 * A push into a source that was closed (by {@link Source#close()}, {@code DROP SOURCE} or shutdown), including a push
 * that was blocked waiting for room when the source closed.
 */
public class SourceClosedException extends LaminarException {

    public SourceClosedException(String sourceName) {
        super("Source '" + sourceName + "' is closed; it accepts no more events. Create it again (or open the database"
                + " again) to push more.");
    }
}
