package io.laminardb.engine.source;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.value.SqlValues;

/** Reads untyped events: {@code Object[]} rows in source column order, already checked and in SQL form. */
final class RowAccessor implements EventAccessor {

    private final int eventTimeColumn;

    RowAccessor(int eventTimeColumn) {
        this.eventTimeColumn = eventTimeColumn;
    }

    @Override
    public Object value(Object event, int column) {
        return ((Object[]) event)[column];
    }

    @Override
    public long eventTime(Object event) {
        return eventTimeColumn < 0
                ? RecordType.NO_EVENT_TIME
                : SqlValues.epochMillis(((Object[]) event)[eventTimeColumn]);
    }
}
