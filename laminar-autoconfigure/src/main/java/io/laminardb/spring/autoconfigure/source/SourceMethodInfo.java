package io.laminardb.spring.autoconfigure.source;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@code @LaminarSource} method at run time, for Actuator.
 *
 * @param name {@code Class.method}
 * @param bean the bean's name
 * @param source the source it produces into
 * @param shape what it returns or takes ({@code Trade}, {@code Iterable<Trade>}, {@code Flux<Trade>}, {@code
 *     Source<Trade>}, ...)
 * @param pollInterval the pause between calls; empty for a method called once
 * @param state where it is
 * @param events events pushed into the source, by the starter or (for a method taking {@code Source<T>}) by the method
 * @param errors calls that threw, results that failed while being read, and pushes the source refused
 * @param lastError the last error's class and message, if any
 */
public record SourceMethodInfo(
        String name,
        String bean,
        String source,
        String shape,
        Optional<Duration> pollInterval,
        State state,
        long events,
        long errors,
        Optional<String> lastError) {

    /** Where a source method is in its life. */
    public enum State {
        /** Declared; the pipeline has not started. */
        CREATED,
        /** Being called, or waiting for its next call. */
        RUNNING,
        /** Called once and done: it returned, or its result ended. */
        COMPLETED,
        /** Called once and it threw, or its result failed; it is not called again. */
        FAILED,
        /** Stopped with the pipeline, or because its source was closed. */
        STOPPED
    }
}
