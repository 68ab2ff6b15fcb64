package io.laminardb.engine.source;

/**
 * Reads the columns of an event in a source's column order and in SQL form, whatever Java shape the event was pushed
 * in (a record of one class or another, or an untyped row). Used on the engine thread only.
 */
public interface EventAccessor {

    /** The value of source column {@code column}, in SQL form (see {@code Row}). */
    Object value(Object event, int column);

    /** The event time in epoch milliseconds, or {@code RecordType.NO_EVENT_TIME}. */
    long eventTime(Object event);
}
