package io.laminardb.engine.value;

import io.laminardb.engine.plan.TypeMapping;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.Types;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow batches as the engine passes them on: zero-copy references, and reading and writing single values in the form
 * queries work on ({@link TypeMapping}: epoch milliseconds for a TIMESTAMP, days for a DATE).
 *
 * <p><b>Sharing.</b> {@link #share} and {@link #shareColumn} make new vectors over the same memory: each buffer's
 * reference count goes up by one, nothing is copied, and the memory is freed when the last holder closes its vectors.
 * The new vectors are accounted to the allocator of the vectors shared (Arrow moves buffers only between allocators of
 * one root), so a batch pushed from the caller's allocator stays in it.
 */
public final class Batches {

    private Batches() {}

    /** Reads the value at a row of a vector in query form; null for a null slot. */
    @FunctionalInterface
    public interface ColumnReader {
        Object read(FieldVector vector, int row);
    }

    /** Writes a value in query form at a row of a vector, growing it as needed; null writes a null slot. */
    @FunctionalInterface
    public interface ColumnWriter {
        void write(FieldVector vector, int row, Object value);
    }

    /**
     * A new root with the rows of {@code root}, accounted to {@code allocator}: over the same buffers (its own reference
     * to each, no copy) when {@code root}'s memory comes from {@code allocator}'s root, and a copy of the buffers
     * otherwise (Arrow moves buffers only within one root), so that the caller's allocator can be closed once the
     * engine is done with its batch. The caller closes the result; closing it does not disturb {@code root}.
     */
    public static VectorSchemaRoot share(VectorSchemaRoot root, BufferAllocator allocator) {
        if (root.getFieldVectors().isEmpty()) {
            throw new IllegalArgumentException("a batch without columns cannot be shared");
        }
        boolean sameRoot = root.getFieldVectors().get(0).getAllocator().getRoot() == allocator.getRoot();
        VectorSchemaRoot copy = VectorSchemaRoot.create(root.getSchema(), allocator);
        try (ArrowRecordBatch buffers = new VectorUnloader(root).getRecordBatch()) {
            if (sameRoot) {
                new VectorLoader(copy).load(buffers);
            } else {
                List<ArrowBuf> copied = new ArrayList<>();
                try {
                    for (ArrowBuf buffer : buffers.getBuffers()) {
                        long length = buffer.writerIndex();
                        ArrowBuf target = allocator.buffer(length);
                        target.setBytes(0, buffer, 0, length);
                        target.writerIndex(length);
                        copied.add(target);
                    }
                    try (ArrowRecordBatch owned =
                            new ArrowRecordBatch(buffers.getLength(), buffers.getNodes(), copied)) {
                        new VectorLoader(copy).load(owned);
                    }
                } finally {
                    copied.forEach(ArrowBuf::close);
                }
            }
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    /** Whether {@link #shareColumn} can share a vector of this field: one without children. */
    public static boolean canShareColumn(Field field) {
        return field.getChildren().isEmpty();
    }

    /**
     * Makes {@code to} (new and empty, of the same Arrow type) a reference to the first {@code rows} values of {@code
     * from}, without a copy.
     */
    public static void shareColumn(FieldVector from, FieldVector to, int rows) {
        to.loadFieldBuffers(new ArrowFieldNode(rows, from.getNullCount()), from.getFieldBuffers());
    }

    /** The reader of a column of type {@code field}, specialised for the common types. */
    public static ColumnReader reader(Field field) {
        Types.MinorType type = Types.getMinorTypeForArrowType(field.getType());
        return switch (type) {
            case BIGINT -> (v, i) -> v.isNull(i) ? null : ((BigIntVector) v).get(i);
            case INT -> (v, i) -> v.isNull(i) ? null : ((IntVector) v).get(i);
            case SMALLINT -> (v, i) -> v.isNull(i) ? null : ((SmallIntVector) v).get(i);
            case TINYINT -> (v, i) -> v.isNull(i) ? null : ((TinyIntVector) v).get(i);
            case FLOAT8 -> (v, i) -> v.isNull(i) ? null : ((Float8Vector) v).get(i);
            case FLOAT4 -> (v, i) -> v.isNull(i) ? null : ((Float4Vector) v).get(i);
            case BIT -> (v, i) -> v.isNull(i) ? null : ((BitVector) v).get(i) != 0;
            case VARCHAR ->
                (v, i) -> v.isNull(i) ? null : new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
            case DECIMAL -> (v, i) -> v.isNull(i) ? null : ((DecimalVector) v).getObject(i);
            case TIMESTAMPMILLI -> (v, i) -> v.isNull(i) ? null : ((TimeStampMilliVector) v).get(i);
            case TIMESTAMPMICRO ->
                (v, i) -> v.isNull(i) ? null : Math.floorDiv(((TimeStampMicroVector) v).get(i), 1000L);
            case DATEDAY -> (v, i) -> v.isNull(i) ? null : ((DateDayVector) v).get(i);
            case TIMEMILLI -> (v, i) -> v.isNull(i) ? null : ((TimeMilliVector) v).get(i);
            case TIMEMICRO -> (v, i) -> v.isNull(i) ? null : (int) (((TimeMicroVector) v).get(i) / 1000L);
            default -> (v, i) -> TypeMapping.toInternal(ArrowValues.read(v, i), field);
        };
    }

    /** The writer of a column of type {@code field}, specialised for the common types. */
    public static ColumnWriter writer(Field field) {
        Types.MinorType type = Types.getMinorTypeForArrowType(field.getType());
        return switch (type) {
            case BIGINT ->
                (v, i, x) -> {
                    if (x == null) {
                        ((BigIntVector) v).setNull(i);
                    } else {
                        ((BigIntVector) v).setSafe(i, ((Number) x).longValue());
                    }
                };
            case INT ->
                (v, i, x) -> {
                    if (x == null) {
                        ((IntVector) v).setNull(i);
                    } else {
                        ((IntVector) v).setSafe(i, ((Number) x).intValue());
                    }
                };
            case FLOAT8 ->
                (v, i, x) -> {
                    if (x == null) {
                        ((Float8Vector) v).setNull(i);
                    } else {
                        ((Float8Vector) v).setSafe(i, ((Number) x).doubleValue());
                    }
                };
            case BIT ->
                (v, i, x) -> {
                    if (x == null) {
                        ((BitVector) v).setNull(i);
                    } else {
                        ((BitVector) v).setSafe(i, (Boolean) x ? 1 : 0);
                    }
                };
            case VARCHAR ->
                (v, i, x) -> {
                    if (x == null) {
                        ((VarCharVector) v).setNull(i);
                    } else {
                        ((VarCharVector) v).setSafe(i, x.toString().getBytes(StandardCharsets.UTF_8));
                    }
                };
            case TIMESTAMPMILLI ->
                (v, i, x) -> {
                    if (x == null) {
                        ((TimeStampMilliVector) v).setNull(i);
                    } else {
                        ((TimeStampMilliVector) v).setSafe(i, ((Number) x).longValue());
                    }
                };
            case DECIMAL -> {
                int scale = ((ArrowType.Decimal) field.getType()).getScale();
                yield (v, i, x) -> {
                    if (x == null) {
                        ((DecimalVector) v).setNull(i);
                    } else {
                        BigDecimal d = (BigDecimal) x;
                        ((DecimalVector) v)
                                .setSafe(i, d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP));
                    }
                };
            }
            default -> (v, i, x) -> ArrowValues.write(v, i, TypeMapping.toExternal(x, field));
        };
    }
}
