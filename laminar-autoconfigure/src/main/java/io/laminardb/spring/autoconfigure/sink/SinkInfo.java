package io.laminardb.spring.autoconfigure.sink;

import java.util.Optional;

/**
 * A {@code @LaminarSink} method at run time, for Actuator.
 *
 * @param name {@code Class.method}
 * @param bean the bean's name
 * @param stream the source, stream or view it receives from
 * @param parameter what it takes ({@code Trade}, {@code List<Trade>}, {@code ChangeEvent<Row>}, ...)
 * @param state where it is
 * @param rows rows handed to the method that returned normally
 * @param failedRows rows handed to calls that threw
 * @param deadLetteredRows failed rows pushed into {@code laminar_dead_letters}
 * @param lastError the last exception's class and message, if any
 */
public record SinkInfo(
        String name,
        String bean,
        String stream,
        String parameter,
        State state,
        long rows,
        long failedRows,
        long deadLetteredRows,
        Optional<String> lastError) {

    /** Where a sink is in its life. */
    public enum State {
        /** Declared; the pipeline has not started. */
        CREATED,
        /** Receiving rows. */
        RUNNING,
        /** Its stream ended and every row was handed over. */
        COMPLETED,
        /** Stopped by the {@code stop} error policy after a method call threw. */
        STOPPED
    }
}
