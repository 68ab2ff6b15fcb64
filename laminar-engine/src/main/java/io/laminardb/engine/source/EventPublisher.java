package io.laminardb.engine.source;

import io.laminardb.engine.Row;
import org.apache.arrow.vector.types.pojo.Schema;

/** Something that can be subscribed to and queried from: a source, a stream or a materialized view. */
public interface EventPublisher {

    String name();

    /** The columns of its events. */
    Schema schema();

    /** The row layout of {@link #schema()}. */
    Row.Layout layout();

    /** Whether its events may include retractions ({@code DELETE}, {@code UPDATE_BEFORE}). */
    boolean isChangelog();

    /**
     * Whether it replaces rows without retracting them ({@code EMIT ON UPDATE} on an aggregate): each new row of a
     * group stands for the one before, which only a reader that knows the group key can tell.
     */
    default boolean isUpsert() {
        return false;
    }

    /** Adds a listener; called from any thread, takes effect from the next event the engine thread hands out. */
    void addListener(EventListener listener);

    void removeListener(EventListener listener);
}
