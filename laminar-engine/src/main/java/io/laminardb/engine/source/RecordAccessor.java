package io.laminardb.engine.source;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.value.SqlValues;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads records of one class through their generated {@link RecordType}, mapping source columns to record columns by
 * name.
 */
final class RecordAccessor implements EventAccessor {

    private final RecordType<Object> type;
    private final int[] recordColumn;
    private final Field[] fields;
    private final int eventTimeColumn;
    /** Whether the generated {@link RecordType#eventTime} reads the same field: then it is used, being cheaper. */
    private final boolean ownEventTime;

    /**
     * @param recordColumn for each source column, the record's column holding it
     * @param eventTimeColumn the source column carrying event time (its watermark column), or -1 to use the record's
     *     own {@code @EventTime}
     */
    @SuppressWarnings("unchecked")
    RecordAccessor(RecordType<?> type, int[] recordColumn, List<Field> sourceFields, int eventTimeColumn) {
        this.type = (RecordType<Object>) type;
        this.recordColumn = recordColumn.clone();
        this.fields = sourceFields.toArray(new Field[0]);
        this.eventTimeColumn = eventTimeColumn;
        this.ownEventTime = eventTimeColumn < 0 || recordColumn[eventTimeColumn] == type.eventTimeColumn();
    }

    @Override
    public Object value(Object event, int column) {
        return SqlValues.normalize(type.get(event, recordColumn[column]), fields[column]);
    }

    @Override
    public long eventTime(Object event) {
        if (ownEventTime) {
            return type.eventTime(event);
        }
        return SqlValues.epochMillis(value(event, eventTimeColumn));
    }
}
