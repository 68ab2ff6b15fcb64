package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Feeds a source's events into a query: reads the columns the query uses into a row in query form and hands it to the
 * query's first operator, on the source's engine thread.
 */
public final class QueryInput implements EventListener {

    private final Field[] fields;
    private final int[] used;
    private final Operator head;
    private final RowErrors errors;

    /**
     * @param used the source columns the query reads; the others stay null in the row
     * @param errors where rows the query fails on are counted
     */
    public QueryInput(Schema schema, int[] used, Operator head, RowErrors errors) {
        this.fields = schema.getFields().toArray(Field[]::new);
        this.used = used.clone();
        this.head = head;
        this.errors = errors;
    }

    @Override
    public void deliver(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime) {
        Field[] fields = this.fields;
        Object[] row = new Object[fields.length];
        for (int column : used) {
            row[column] = accessor.internalValue(event, column, fields[column]);
        }
        try {
            head.onRow(row, op, eventTime);
        } catch (RuntimeException e) {
            errors.failed(row, e);
        }
    }

    @Override
    public void deliverWatermark(long watermark) {
        head.onWatermark(watermark);
    }

    @Override
    public void complete() {
        head.onEnd();
    }

    @Override
    public boolean wantsTicks() {
        return true;
    }

    @Override
    public void tick(long nowMillis) {
        head.onTick(nowMillis);
    }
}
