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

    /**
     * The value of source column {@code column} in the form queries work on ({@code TypeMapping}): epoch milliseconds
     * for a timestamp, days for a date. {@code field} is the source column.
     */
    /**
     * Whether events read by this accessor are {@code Object[]} rows in SQL form that nobody changes, which a {@code
     * Row} may then wrap without a copy.
     */
    default boolean sharesRows() {
        return false;
    }

    default Object internalValue(Object event, int column, org.apache.arrow.vector.types.pojo.Field field) {
        return io.laminardb.engine.plan.TypeMapping.toInternal(value(event, column), field);
    }
}
