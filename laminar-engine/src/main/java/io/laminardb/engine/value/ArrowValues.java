package io.laminardb.engine.value;

import io.laminardb.engine.Row;
import io.laminardb.engine.record.RecordSupport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
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
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads and writes values in their SQL form (see {@link Row}) from and to Arrow vectors of the types in {@link
 * SqlTypes}. For untyped rows; typed records use their generated {@code RecordType}.
 */
public final class ArrowValues {

    private ArrowValues() {}

    /** The value at {@code row}, in SQL form; null for a null slot. */
    public static Object read(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (vector.getMinorType()) {
            case BIT -> ((BitVector) vector).get(row) != 0;
            case TINYINT -> ((TinyIntVector) vector).get(row);
            case SMALLINT -> ((SmallIntVector) vector).get(row);
            case INT -> ((IntVector) vector).get(row);
            case BIGINT -> ((BigIntVector) vector).get(row);
            case FLOAT4 -> ((Float4Vector) vector).get(row);
            case FLOAT8 -> ((Float8Vector) vector).get(row);
            case DECIMAL -> ((DecimalVector) vector).getObject(row);
            case VARCHAR -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
            case VARBINARY -> ((VarBinaryVector) vector).get(row);
            case DATEDAY -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case TIMEMILLI -> RecordSupport.localTimeOfMillis(((TimeMilliVector) vector).get(row));
            case TIMEMICRO -> RecordSupport.localTimeOfMicros(((TimeMicroVector) vector).get(row));
            case TIMESTAMPMILLI -> Instant.ofEpochMilli(((TimeStampMilliVector) vector).get(row));
            case TIMESTAMPMICRO -> RecordSupport.instantOfMicros(((TimeStampMicroVector) vector).get(row));
            case STRUCT -> readStruct((StructVector) vector, row);
            case LIST -> readList((ListVector) vector, row);
            default ->
                throw new IllegalArgumentException("Unsupported Arrow type "
                        + vector.getField().getType() + " in column '" + vector.getName() + "'");
        };
    }

    /** Writes {@code value}, in SQL form, at {@code row}; null writes a null slot. */
    public static void write(FieldVector vector, int row, Object value) {
        if (value == null) {
            setNull(vector, row);
            return;
        }
        switch (vector.getMinorType()) {
            case BIT -> ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
            case TINYINT -> ((TinyIntVector) vector).setSafe(row, (Byte) value);
            case SMALLINT -> ((SmallIntVector) vector).setSafe(row, (Short) value);
            case INT -> ((IntVector) vector).setSafe(row, (Integer) value);
            case BIGINT -> ((BigIntVector) vector).setSafe(row, (Long) value);
            case FLOAT4 -> ((Float4Vector) vector).setSafe(row, (Float) value);
            case FLOAT8 -> ((Float8Vector) vector).setSafe(row, (Double) value);
            case DECIMAL -> ((DecimalVector) vector).setSafe(row, (BigDecimal) value);
            case VARCHAR -> ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case VARBINARY -> ((VarBinaryVector) vector).setSafe(row, (byte[]) value);
            case DATEDAY -> ((DateDayVector) vector).setSafe(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TIMEMILLI -> ((TimeMilliVector) vector).setSafe(row, RecordSupport.millisOfDay((LocalTime) value));
            case TIMEMICRO -> ((TimeMicroVector) vector).setSafe(row, RecordSupport.microsOfDay((LocalTime) value));
            case TIMESTAMPMILLI -> ((TimeStampMilliVector) vector).setSafe(row, ((Instant) value).toEpochMilli());
            case TIMESTAMPMICRO ->
                ((TimeStampMicroVector) vector).setSafe(row, RecordSupport.epochMicros((Instant) value));
            case STRUCT -> writeStruct((StructVector) vector, row, (Row) value);
            case LIST -> writeList((ListVector) vector, row, (List<?>) value);
            default ->
                throw new IllegalArgumentException("Unsupported Arrow type "
                        + vector.getField().getType() + " in column '" + vector.getName() + "'");
        }
    }

    private static void setNull(FieldVector vector, int row) {
        if (vector instanceof StructVector struct) {
            struct.setNull(row);
        } else if (vector instanceof ListVector list) {
            list.setNull(row);
        } else if (vector instanceof BaseFixedWidthVector fixed) {
            fixed.setNull(row);
        } else if (vector instanceof BaseVariableWidthVector variable) {
            variable.setNull(row);
        } else {
            throw new IllegalArgumentException(
                    "Unsupported Arrow type " + vector.getField().getType() + " in column '" + vector.getName() + "'");
        }
    }

    private static Row readStruct(StructVector vector, int row) {
        Row.Layout layout = SqlValues.nestedLayout(vector.getField());
        Object[] values = new Object[layout.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read((FieldVector) vector.getChildByOrdinal(i), row);
        }
        return Row.of(layout, values);
    }

    private static void writeStruct(StructVector vector, int row, Row value) {
        vector.setIndexDefined(row);
        for (int i = 0; i < value.size(); i++) {
            write((FieldVector) vector.getChildByOrdinal(i), row, value.get(i));
        }
    }

    private static List<Object> readList(ListVector vector, int row) {
        FieldVector data = vector.getDataVector();
        int start = vector.getElementStartIndex(row);
        int end = vector.getElementEndIndex(row);
        List<Object> out = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            out.add(read(data, i));
        }
        return out;
    }

    private static void writeList(ListVector vector, int row, List<?> value) {
        FieldVector data = vector.getDataVector();
        int offset = vector.startNewValue(row);
        int count = 0;
        for (Object element : value) {
            write(data, offset + count++, element);
        }
        vector.endValue(row, count);
    }
}
