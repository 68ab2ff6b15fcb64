package io.laminardb.engine.durability;

import io.laminardb.engine.Row;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes column values in their SQL form (see {@link Row}) with a one-byte tag each, and reads them back as the same
 * Java types. Self-describing rather than driven by the schema, so that a record stays readable if a column's type is
 * widened later; a nested {@link Row} is read back with a layout of its values alone.
 */
public final class ValueCodec {

    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte INT = 2;
    private static final byte SHORT = 3;
    private static final byte BYTE = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte STRING = 7;
    private static final byte TRUE = 8;
    private static final byte FALSE = 9;
    private static final byte DECIMAL = 10;
    private static final byte INSTANT = 11;
    private static final byte DATE = 12;
    private static final byte TIME = 13;
    private static final byte BYTES = 14;
    private static final byte LIST = 15;
    private static final byte ROW = 16;

    private ValueCodec() {}

    /** Writes one value. */
    public static void write(DataOutput out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Long v) {
            out.writeByte(LONG);
            out.writeLong(v);
        } else if (value instanceof Integer v) {
            out.writeByte(INT);
            out.writeInt(v);
        } else if (value instanceof Short v) {
            out.writeByte(SHORT);
            out.writeShort(v);
        } else if (value instanceof Byte v) {
            out.writeByte(BYTE);
            out.writeByte(v);
        } else if (value instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeDouble(v);
        } else if (value instanceof Float v) {
            out.writeByte(FLOAT);
            out.writeFloat(v);
        } else if (value instanceof String v) {
            out.writeByte(STRING);
            writeBytes(out, v.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Boolean v) {
            out.writeByte(v ? TRUE : FALSE);
        } else if (value instanceof BigDecimal v) {
            out.writeByte(DECIMAL);
            out.writeInt(v.scale());
            writeBytes(out, v.unscaledValue().toByteArray());
        } else if (value instanceof Instant v) {
            out.writeByte(INSTANT);
            out.writeLong(v.getEpochSecond());
            out.writeInt(v.getNano());
        } else if (value instanceof LocalDate v) {
            out.writeByte(DATE);
            out.writeLong(v.toEpochDay());
        } else if (value instanceof LocalTime v) {
            out.writeByte(TIME);
            out.writeLong(v.toNanoOfDay());
        } else if (value instanceof byte[] v) {
            out.writeByte(BYTES);
            writeBytes(out, v);
        } else if (value instanceof List<?> v) {
            out.writeByte(LIST);
            out.writeInt(v.size());
            for (Object item : v) {
                write(out, item);
            }
        } else if (value instanceof Row v) {
            out.writeByte(ROW);
            out.writeInt(v.size());
            for (int i = 0; i < v.size(); i++) {
                write(out, v.get(i));
            }
        } else {
            throw new IllegalArgumentException("Cannot log a value of type "
                    + value.getClass().getName() + "; column values must be in their SQL form (see Row)");
        }
    }

    /**
     * Reads one value written by {@link #write}.
     *
     * @param field the column it belongs to: gives a nested row its layout
     */
    public static Object read(DataInput in, Field field) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case BYTES -> readBytes(in);
            case LIST -> {
                int n = in.readInt();
                Field element = field == null || field.getChildren().isEmpty()
                        ? null
                        : field.getChildren().get(0);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, element));
                }
                yield Collections.unmodifiableList(list);
            }
            case ROW -> {
                int n = in.readInt();
                if (field == null || field.getChildren().size() != n) {
                    throw new IOException("A nested row of " + n + " values in a log record does not match column "
                            + (field == null ? "?" : field.getName()));
                }
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = read(in, field.getChildren().get(i));
                }
                yield Row.of(Row.layout(new Schema(field.getChildren())), values);
            }
            default -> throw new IOException("Unknown value tag " + tag + " in a log record");
        };
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
