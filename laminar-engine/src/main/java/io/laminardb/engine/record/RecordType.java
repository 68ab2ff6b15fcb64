package io.laminardb.engine.record;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Converts instances of a {@code @Record} type to and from Apache Arrow columns.
 *
 * <p>The LaminarDB annotation processor generates one implementation per {@code @Record} type at compile time, named
 * after the type with the suffix {@code _RecordType} ({@code Trade_RecordType}, {@code Outer_Inner_RecordType} for a
 * nested type). The generated code uses no reflection. Obtain it with {@link RecordTypes#of(Class)}.
 *
 * <p>Implementations are stateless and safe to share between threads. A {@link VectorSchemaRoot} is not: {@link
 * #write} and {@link #read} must not run concurrently on the same root.
 *
 * @param <T> the record type
 */
public interface RecordType<T> {

    /** Key of the {@link Schema#getCustomMetadata() schema metadata} entry that names the event-time column. */
    String EVENT_TIME_KEY = "laminar.event-time";

    /** Returned by {@link #eventTime} when the record has no event-time field, or its value is null. */
    long NO_EVENT_TIME = Long.MIN_VALUE;

    /** Returns the Java type this record type converts. */
    Class<T> recordClass();

    /**
     * Returns the Arrow schema: one field per column in declaration order, with the event-time column named in the
     * metadata under {@link #EVENT_TIME_KEY}.
     */
    Schema schema();

    /** Returns the index of the event-time column, or -1 when the record has none. */
    int eventTimeColumn();

    /**
     * Returns the Java type of one column as declared in the record ({@code double.class}, {@code Instant.class},
     * {@code List.class}, ...), for converting values between record types.
     *
     * @throws IndexOutOfBoundsException if {@code column} is not a column index of this type
     */
    Class<?> columnClass(int column);

    /**
     * Returns the value of one column: primitives boxed, nested records and lists as they are.
     *
     * @throws IndexOutOfBoundsException if {@code column} is not a column index of this type
     */
    Object get(T record, int column);

    /**
     * Creates a record from column values in column order, typed as {@link #get} returns them.
     *
     * @throws IllegalArgumentException if the number of values is wrong, a value has the wrong type, or a null is
     *     given for a NOT NULL column
     */
    T create(Object... values);

    /**
     * Writes a record into row {@code row} of {@code root}, growing its vectors as needed. The root must have
     * {@link #schema()}; its row count is left to the caller. Write rows in ascending order into a new or cleared
     * root: Arrow's variable-width vectors (strings, lists) are built front to back.
     *
     * @throws IllegalArgumentException if a value does not fit its column (a decimal with too many digits)
     */
    void write(T record, VectorSchemaRoot root, int row);

    /** Reads row {@code row} of {@code root}, which must have {@link #schema()}, into a new record. */
    T read(VectorSchemaRoot root, int row);

    /**
     * Returns the record's event time in milliseconds since the epoch, or {@link #NO_EVENT_TIME} when the type has no
     * event-time field or its value is null.
     */
    long eventTime(T record);

    /** Allocates an empty root with this type's schema. The caller closes it. */
    default VectorSchemaRoot createRoot(BufferAllocator allocator) {
        return VectorSchemaRoot.create(schema(), allocator);
    }

    /** Writes {@code records} into rows {@code 0..n-1} of {@code root} and sets its row count to {@code n}. */
    default void writeAll(List<? extends T> records, VectorSchemaRoot root) {
        int row = 0;
        for (T record : records) {
            write(record, root, row++);
        }
        root.setRowCount(row);
    }

    /** Reads every row of {@code root} into a new list. */
    default List<T> readAll(VectorSchemaRoot root) {
        int rows = root.getRowCount();
        List<T> out = new java.util.ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            out.add(read(root, row));
        }
        return out;
    }
}
