package io.laminardb.spring.autoconfigure;

/** What happens when a {@code @LaminarSink} method throws. In every case the row and the error are logged and counted. */
public enum SinkErrorPolicy {
    /** Log the row and the error, then go on with the next row. */
    LOG,
    /** Log, then stop this sink: it receives nothing more, and the {@code laminar} health turns DOWN. */
    STOP,
    /**
     * Log, then push the row with the error into the source {@code laminar_dead_letters} (created when a sink asks for
     * it), where it can be queried, subscribed to or sent on; then go on with the next row.
     */
    DEAD_LETTER
}
