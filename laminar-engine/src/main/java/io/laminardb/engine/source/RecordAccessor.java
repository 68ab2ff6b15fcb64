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
        this.direct = new byte[fields.length];
        for (int i = 0; i < fields.length; i++) {
            direct[i] = directKind(fields[i], type.columnClass(recordColumn[i]));
        }
    }

    private static final byte CONVERT = 0;
    private static final byte AS_IS = 1;
    private static final byte INSTANT_MILLIS = 2;

    /** How a record field becomes a query value without the general conversions, where it can. */
    private final byte[] direct;

    private static byte directKind(Field field, Class<?> javaType) {
        return switch (field.getType().getTypeID()) {
            case Int, FloatingPoint, Bool, Decimal, Binary -> AS_IS;
            case Utf8 -> javaType == String.class ? AS_IS : CONVERT;
            case Timestamp -> javaType == java.time.Instant.class ? INSTANT_MILLIS : CONVERT;
            default -> CONVERT;
        };
    }

    /** As the default, without building the SQL form first for the common column types: the hot path of queries. */
    @Override
    public Object internalValue(Object event, int column, Field field) {
        Object value = type.get(event, recordColumn[column]);
        if (value == null) {
            return null;
        }
        return switch (direct[column]) {
            case AS_IS -> value;
            case INSTANT_MILLIS -> ((java.time.Instant) value).toEpochMilli();
            default -> io.laminardb.engine.plan.TypeMapping.toInternal(SqlValues.normalize(value, field), field);
        };
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
