package io.laminardb.engine.subscription;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.source.SchemaMatcher;
import io.laminardb.engine.value.ArrowValues;
import io.laminardb.engine.value.SqlValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The converters and batch writers of the three kinds of subscription: typed records, rows, change events. */
public final class Converters {

    /** Name of the column that {@link #changeBatches} appends: the change's {@link ChangeEvent.Op}. */
    public static final String OP_COLUMN = "op";

    private Converters() {}

    /**
     * Records of {@code target}, matched to the stream's columns by name (checked here, failing with every difference
     * named). An event already of the target class is passed on as it is.
     */
    public static <T> SubscriptionImpl.Converter<T> records(RecordType<T> target, Schema stream, String streamName) {
        int[] sourceColumn = SchemaMatcher.reading(
                stream, streamName, target.schema(), target.recordClass().getSimpleName());
        Class<T> type = target.recordClass();
        List<Field> fields = target.schema().getFields();
        return (event, accessor, op, eventTime) -> {
            if (event.getClass() == type) {
                return type.cast(event);
            }
            Object[] values = new Object[sourceColumn.length];
            for (int i = 0; i < values.length; i++) {
                String column = fields.get(i).getName();
                values[i] = SqlValues.convert(accessor.value(event, sourceColumn[i]), target.columnClass(i), column);
            }
            return target.create(values);
        };
    }

    /** Untyped rows with every column of the stream. */
    public static SubscriptionImpl.Converter<Row> rows(Row.Layout layout) {
        int columns = layout.size();
        return (event, accessor, op, eventTime) -> {
            if (accessor.sharesRows()) {
                return Row.of(layout, (Object[]) event); // a stream's row: every subscriber may share it
            }
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = accessor.value(event, i);
            }
            return Row.of(layout, values);
        };
    }

    /** Reads rows of a batch in the stream's schema as untyped rows. */
    public static SubscriptionImpl.BatchReader<Row> rowReader(Row.Layout layout) {
        int columns = layout.size();
        return (batch, row) -> {
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = ArrowValues.read(batch.getVector(i), row);
            }
            return Row.of(layout, values);
        };
    }

    /**
     * Reads rows of a batch in the stream's schema as records, when the record has exactly the stream's columns (names
     * and types, in order); null otherwise, and the subscription then takes rows one by one.
     */
    public static <T> SubscriptionImpl.BatchReader<T> recordReader(RecordType<T> target, Schema stream) {
        List<Field> want = target.schema().getFields();
        List<Field> have = stream.getFields();
        if (want.size() != have.size()) {
            return null;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).getName().equals(have.get(i).getName())
                    || !want.get(i).getType().equals(have.get(i).getType())
                    || !want.get(i).getChildren().isEmpty()) {
                return null;
            }
        }
        return target::read;
    }

    /** Every event as a change of its kind: a source only inserts, an updating stream retracts too. */
    public static <T> SubscriptionImpl.Converter<ChangeEvent<T>> changes(SubscriptionImpl.Converter<T> values) {
        return (event, accessor, op, eventTime) ->
                ChangeEvent.of(op, values.convert(event, accessor, op, eventTime), eventTime);
    }

    public static <T> SubscriptionImpl.BatchWriter<T> recordBatches(RecordType<T> type) {
        return (rows, allocator) -> {
            VectorSchemaRoot root = type.createRoot(allocator);
            type.writeAll(rows, root);
            return root;
        };
    }

    public static SubscriptionImpl.BatchWriter<Row> rowBatches(Schema schema) {
        return (rows, allocator) -> {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            writeRows(rows, root);
            root.setRowCount(rows.size());
            return root;
        };
    }

    /**
     * Change events as a batch: the value's columns, then an {@code op} column ({@code INSERT}, {@code DELETE},
     * {@code UPDATE_BEFORE}, {@code UPDATE_AFTER}).
     */
    public static <T> SubscriptionImpl.BatchWriter<ChangeEvent<T>> changeBatches(
            Schema valueSchema, SubscriptionImpl.BatchWriter<T> values) {
        return (changes, allocator) -> {
            List<T> rows = new ArrayList<>(changes.size());
            for (ChangeEvent<T> change : changes) {
                rows.add(change.value());
            }
            try (VectorSchemaRoot valueRoot = values.write(rows, allocator)) {
                List<Field> fields = new ArrayList<>(valueSchema.getFields());
                fields.add(new Field(OP_COLUMN, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                for (int c = 0; c < valueSchema.getFields().size(); c++) {
                    valueRoot.getVector(c).makeTransferPair(root.getVector(c)).transfer();
                }
                VarCharVector op = (VarCharVector) root.getVector(fields.size() - 1);
                for (int i = 0; i < changes.size(); i++) {
                    op.setSafe(i, changes.get(i).op().name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                root.setRowCount(changes.size());
                return root;
            }
        };
    }

    private static void writeRows(List<Row> rows, VectorSchemaRoot root) {
        int columns = root.getFieldVectors().size();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            for (int c = 0; c < columns; c++) {
                ArrowValues.write(root.getVector(c), i, row.get(c));
            }
        }
    }
}
