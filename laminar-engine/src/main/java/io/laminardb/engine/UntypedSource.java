package io.laminardb.engine;

import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A handle for pushing untyped rows into a source: {@link Row}s, value arrays in column order, or maps from column
 * name to value. Values take the Java forms listed on {@link Row}; integers may be given for wider integer columns and
 * any number for a {@code DOUBLE}. Each row is checked against the schema before it is taken: a wrong type, a null in
 * a {@code NOT NULL} column or an unknown column throws {@link SchemaMismatchException} naming it.
 *
 * <p>Threads, backpressure and closing work as for {@link Source}.
 */
public interface UntypedSource extends AutoCloseable {

    /** Pushes a row whose columns are matched to the source's by name. */
    void push(Row row);

    /** Pushes one value per column, in the source's column order. The array is handed over, not copied. */
    void push(Object... values);

    /** Pushes a row given as column name to value; absent columns are null. */
    void push(Map<String, ?> values);

    /** Pushes one value per column if there is room now; false if the buffer was full. */
    boolean tryPush(Object... values);

    /** See {@link Source#pushArrow(VectorSchemaRoot)}. */
    void pushArrow(VectorSchemaRoot batch);

    /** See {@link Source#watermark(long)}. */
    void watermark(long epochMillis);

    long currentWatermark();

    boolean hasCapacity();

    String name();

    Schema schema();

    int producerCount();

    boolean isMpsc();

    /** See {@link Source#close()}. */
    @Override
    void close();
}
