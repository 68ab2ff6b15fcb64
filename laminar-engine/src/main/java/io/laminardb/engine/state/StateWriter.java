package io.laminardb.engine.state;

import io.laminardb.engine.value.KeySentinel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Writes state in the binary form {@link StateReader} reads: primitives, and any value that can appear in operator
 * state, tagged with its type ({@link StateFormat} lists the tags). Integers are variable-length (zig-zag), so small
 * counts and keys take a byte or two; doubles and floats keep their exact bits.
 *
 * <p>Not thread-safe. An {@link IOException} of the underlying output is rethrown as {@link UncheckedIOException}: state
 * is written to memory first, where none occurs, and the code that writes operator state stays free of checked
 * exceptions.
 */
public final class StateWriter {

    private final DataOutput out;

    public StateWriter(DataOutput out) {
        this.out = out;
    }

    /** What {@code body} writes, as bytes. */
    public static byte[] toBytes(Consumer<StateWriter> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        body.accept(new StateWriter(new DataOutputStream(bytes)));
        return bytes.toByteArray();
    }

    public StateWriter writeByte(int value) {
        try {
            out.writeByte(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** A non-negative count or length, in 1 to 5 bytes. */
    public StateWriter writeCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + count);
        }
        return writeUnsigned(count);
    }

    /** Any int, zig-zag encoded: small magnitudes of either sign take one byte. */
    public StateWriter writeInt(int value) {
        return writeUnsigned(((value << 1) ^ (value >> 31)) & 0xFFFF_FFFFL);
    }

    /** Any long, zig-zag encoded: small magnitudes of either sign take one byte, the extremes ten. */
    public StateWriter writeLong(long value) {
        return writeUnsigned((value << 1) ^ (value >> 63));
    }

    /** The exact bits of a double, NaN payloads and negative zero included. */
    public StateWriter writeDouble(double value) {
        try {
            out.writeLong(Double.doubleToRawLongBits(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The exact bits of a float. */
    public StateWriter writeFloat(float value) {
        try {
            out.writeInt(Float.floatToRawIntBits(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A string of any length, as its char count and each char in one to three bytes (the modified UTF-8 of {@link
     * DataOutput#writeUTF} without its 64 KB limit): unlike standard UTF-8 it keeps unpaired surrogates, so every Java
     * string comes back equal.
     */
    public StateWriter writeString(String value) {
        int length = value.length();
        writeCount(length);
        try {
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x01 && c <= 0x7F) {
                    out.writeByte(c);
                } else if (c <= 0x7FF) {
                    out.writeByte(0xC0 | (c >> 6));
                    out.writeByte(0x80 | (c & 0x3F));
                } else {
                    out.writeByte(0xE0 | (c >> 12));
                    out.writeByte(0x80 | ((c >> 6) & 0x3F));
                    out.writeByte(0x80 | (c & 0x3F));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A byte array, length first. */
    public StateWriter writeBytes(byte[] value) {
        writeCount(value.length);
        try {
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeBigInteger(BigInteger value) {
        return writeBytes(value.toByteArray());
    }

    /**
     * A value of operator state, or null, tagged with its type.
     *
     * @throws IllegalArgumentException naming the class of a value state cannot hold
     */
    public StateWriter writeValue(Object value) {
        if (value == null) {
            return writeByte(StateFormat.NULL);
        }
        if (value instanceof Long v) {
            return writeByte(StateFormat.LONG).writeLong(v);
        }
        if (value instanceof Integer v) {
            return writeByte(StateFormat.INT).writeInt(v);
        }
        if (value instanceof String v) {
            return writeByte(StateFormat.STRING).writeString(v);
        }
        if (value instanceof Double v) {
            return writeByte(StateFormat.DOUBLE).writeDouble(v);
        }
        if (value instanceof Boolean v) {
            return writeByte(v ? StateFormat.TRUE : StateFormat.FALSE);
        }
        if (value instanceof BigDecimal v) {
            return writeByte(StateFormat.DECIMAL).writeInt(v.scale()).writeBigInteger(v.unscaledValue());
        }
        if (value instanceof Object[] v) {
            return writeByte(StateFormat.ARRAY).writeRow(v);
        }
        if (value instanceof Short v) {
            return writeByte(StateFormat.SHORT).writeInt(v);
        }
        if (value instanceof Byte v) {
            return writeByte(StateFormat.BYTE).writeByte(v);
        }
        if (value instanceof Float v) {
            return writeByte(StateFormat.FLOAT).writeFloat(v);
        }
        if (value instanceof byte[] v) {
            return writeByte(StateFormat.BYTES).writeBytes(v);
        }
        if (value instanceof ByteString v) {
            return writeByte(StateFormat.BYTE_STRING).writeBytes(v.getBytes());
        }
        if (value instanceof BigInteger v) {
            return writeByte(StateFormat.BIG_INTEGER).writeBigInteger(v);
        }
        if (value instanceof Instant v) {
            return writeByte(StateFormat.INSTANT).writeLong(v.getEpochSecond()).writeInt(v.getNano());
        }
        if (value instanceof LocalDate v) {
            return writeByte(StateFormat.LOCAL_DATE).writeLong(v.toEpochDay());
        }
        if (value instanceof LocalTime v) {
            return writeByte(StateFormat.LOCAL_TIME).writeLong(v.toNanoOfDay());
        }
        if (value instanceof List<?> v) {
            writeByte(StateFormat.LIST).writeCount(v.size());
            for (Object element : v) {
                writeValue(element);
            }
            return this;
        }
        if (value instanceof KeySentinel v) {
            return writeByte(v == KeySentinel.NULL_KEY ? StateFormat.NULL_KEY : StateFormat.SINGLE_GROUP);
        }
        throw new IllegalArgumentException("Operator state cannot hold a value of "
                + value.getClass().getName() + " (" + value + "); see StateFormat for the types it holds");
    }

    /** A row (or any array of values): its length, then each value as {@link #writeValue} writes it. */
    public StateWriter writeRow(Object[] row) {
        writeCount(row.length);
        for (Object value : row) {
            writeValue(value);
        }
        return this;
    }

    /** A row that may be null. */
    public StateWriter writeNullableRow(Object[] row) {
        writeBoolean(row != null);
        return row == null ? this : writeRow(row);
    }

    /** An unsigned variable-length integer: seven bits a byte, low bits first, the high bit set on all but the last. */
    private StateWriter writeUnsigned(long value) {
        try {
            while ((value & ~0x7FL) != 0) {
                out.writeByte((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.writeByte((int) value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
