package io.laminardb.engine;

/**
 * A push refused because the source's buffer is full and its backpressure is {@link Backpressure#REJECT}: the event
 * was not taken. Thrown on the hot path, so one instance per source is reused and it carries no stack trace.
 */
public class SourceFullException extends LaminarException {

    public SourceFullException(String sourceName, int capacity) {
        super(
                "Source '" + sourceName + "' is full (" + capacity + " events buffered) and its backpressure is"
                        + " 'reject': the event was not taken. Retry later, use tryPush, or choose 'block'.",
                false);
    }
}
