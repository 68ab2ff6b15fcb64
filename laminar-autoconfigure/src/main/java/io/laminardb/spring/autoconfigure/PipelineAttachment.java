package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarDB;
import java.time.Duration;

/**
 * Something that runs with the pipeline, started and stopped by {@link LaminarLifecycle} around the database: the
 * {@code @LaminarSink} methods attach before the pipeline starts (so they miss no row) and finish after it drained;
 * the {@code @LaminarSource} methods start producing once it runs and stop before it drains. Beans of this type are
 * picked up by the lifecycle in their {@code @Order}.
 */
public interface PipelineAttachment {

    /** Before {@link LaminarDB#start()}: subscribe, so that every row the pipeline emits is received. */
    default void attach(LaminarDB db) {}

    /** After {@link LaminarDB#start()}: begin producing. */
    default void started(LaminarDB db) {}

    /**
     * Before {@link LaminarDB#shutdown()}: stop producing, so that the drain ends, and wait up to {@code timeout} for
     * the pushes under way to finish, so that none meets a closed source.
     */
    default void stopping(Duration timeout) {}

    /** After {@link LaminarDB#shutdown()}: finish the rows left, waiting at most {@code timeout}. */
    default void drain(Duration timeout) {}
}
