package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import io.laminardb.engine.value.ArrowValues;
import io.laminardb.engine.value.SqlValues;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Feeds a source's events into a query: reads the columns the query uses into a row in query form and hands it to the
 * query's first operator, on the source's engine thread.
 */
public final class QueryInput implements EventListener {

    private final String query;
    private final Field[] fields;
    private final int[] used;
    /** The source columns of the row handed on, in order, when the query only picks columns; else null. */
    private final int @Nullable [] projection;

    private final Operator head;
    private final RowErrors errors;

    private final @Nullable ColumnarCalc columnar;
    private final @Nullable StreamRuntime output;
    private final int eventTimeColumn;

    /**
     * @param query the name of the stream or view the query feeds
     * @param used the source columns the query reads; the others stay null in the row
     * @param errors where rows the query fails on are counted
     */
    public QueryInput(String query, Schema schema, int[] used, Operator head, RowErrors errors) {
        this(query, schema, used, null, head, errors, null, null, -1);
    }

    /**
     * A query input that also takes Arrow batches whole, when the query has a columnar form.
     *
     * @param columnar the query's columnar form, or null to take batches row by row
     * @param output the stream {@code columnar} hands its batches to
     * @param eventTimeColumn the source column holding the event time, or -1
     * @param projection the source columns of the rows {@code head} takes, in order, when the query's first step only
     *     picks columns (they are read straight into a row of that width); null to hand on rows as wide as the source
     */
    public QueryInput(
            String query,
            Schema schema,
            int[] used,
            int @Nullable [] projection,
            Operator head,
            RowErrors errors,
            @Nullable ColumnarCalc columnar,
            @Nullable StreamRuntime output,
            int eventTimeColumn) {
        this.query = query;
        this.fields = schema.getFields().toArray(Field[]::new);
        this.used = used.clone();
        this.projection = projection == null ? null : projection.clone();
        this.head = head;
        this.errors = errors;
        this.columnar = output == null ? null : columnar;
        this.output = output;
        this.eventTimeColumn = eventTimeColumn;
    }

    /** The name of the stream or view the query feeds. */
    public String query() {
        return query;
    }

    /** Whether the query runs over whole batches: it has a columnar form. */
    @Override
    public boolean acceptsBatches() {
        return columnar != null;
    }

    @Override
    public void deliverBatch(VectorSchemaRoot batch) {
        ColumnarCalc columnar = this.columnar;
        if (columnar != null && output != null && columnar.accepts(batch)) {
            columnar.run(batch, output, errors, eventTimeColumn);
            return;
        }
        // Not the types the columnar form was made for: row by row, as the row path reads a batch.
        int rows = batch.getRowCount();
        for (int r = 0; r < rows; r++) {
            Object[] row;
            if (projection != null) {
                row = new Object[projection.length];
                for (int i = 0; i < row.length; i++) {
                    int column = projection[i];
                    row[i] = TypeMapping.toInternal(ArrowValues.read(batch.getVector(column), r), fields[column]);
                }
            } else {
                row = new Object[fields.length];
                for (int column : used) {
                    row[column] = TypeMapping.toInternal(ArrowValues.read(batch.getVector(column), r), fields[column]);
                }
            }
            long eventTime = eventTimeColumn < 0
                    ? Long.MIN_VALUE
                    : SqlValues.epochMillis(ArrowValues.read(batch.getVector(eventTimeColumn), r));
            try {
                head.onRow(row, ChangeEvent.Op.INSERT, eventTime);
            } catch (RuntimeException e) {
                errors.failed(row, e);
            }
        }
    }

    @Override
    public void deliver(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime) {
        Field[] fields = this.fields;
        int[] projection = this.projection;
        Object[] row;
        if (projection != null) {
            row = new Object[projection.length];
            for (int i = 0; i < row.length; i++) {
                int column = projection[i];
                row[i] = accessor.internalValue(event, column, fields[column]);
            }
        } else {
            row = new Object[fields.length];
            for (int column : used) {
                row[column] = accessor.internalValue(event, column, fields[column]);
            }
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
