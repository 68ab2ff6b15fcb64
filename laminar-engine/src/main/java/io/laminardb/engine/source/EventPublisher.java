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

    /** Adds a listener; called from any thread, takes effect from the next event the engine thread hands out. */
    void addListener(EventListener listener);

    void removeListener(EventListener listener);
}
