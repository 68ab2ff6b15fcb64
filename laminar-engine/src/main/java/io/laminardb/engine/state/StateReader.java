package io.laminardb.engine.state;

import io.laminardb.engine.value.KeySentinel;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link StateWriter} wrote, in the same order. Data that ends early or holds an unknown tag is a {@link
 * StateFormatException}; another {@link IOException} of the underlying input is rethrown as {@link
 * UncheckedIOException}. Not thread-safe.
 */
public final class StateReader {

    /**
     * The most a length read from the data allocates before the data has shown it holds that much: a corrupt length
     * must fail as data cut short, not as memory exhausted.
     */
    private static final int TRUSTED_LENGTH = 1 << 16;

    private final DataInput in;
    /** The bytes read, when the reader was made {@linkplain #of(byte[]) over an array}: to tell whether all were. */
    private final ByteArrayInputStream array;

    public StateReader(DataInput in) {
        this(in, null);
    }

    private StateReader(DataInput in, ByteArrayInputStream array) {
        this.in = in;
        this.array = array;
    }

    /** A reader of {@code bytes}. */
    public static StateReader of(byte[] bytes) {
        ByteArrayInputStream array = new ByteArrayInputStream(bytes);
        return new StateReader(new DataInputStream(array), array);
    }

    /**
     * Checks that a reader made {@linkplain #of(byte[]) over an array} has read all of it: a value that leaves bytes
     * over was written by another layout.
     *
     * @throws StateFormatException if bytes are left
     */
    public void checkFullyRead() {
        if (array != null && array.available() > 0) {
            throw new StateFormatException(array.available() + " bytes left over after the state was read");
        }
    }

    public int readByte() {
        try {
            return in.readByte();
        } catch (EOFException e) {
            throw cutShort(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b != 0 && b != 1) {
            throw new StateFormatException("expected a boolean, found byte " + b);
        }
        return b == 1;
    }

    public int readCount() {
        long count = readUnsigned();
        // A varint of ten bytes can set the sign bit: out of range as well.
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new StateFormatException("count " + count + " is out of range");
        }
        return (int) count;
    }

    public int readInt() {
        long zigzag = readUnsigned();
        if (zigzag < 0 || zigzag > 0xFFFF_FFFFL) {
            throw new StateFormatException("int " + zigzag + " is out of range");
        }
        int n = (int) zigzag;
        return (n >>> 1) ^ -(n & 1);
    }

    public long readLong() {
        long zigzag = readUnsigned();
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    public double readDouble() {
        try {
            return Double.longBitsToDouble(in.readLong());
        } catch (EOFException e) {
            throw cutShort(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float readFloat() {
        try {
            return Float.intBitsToFloat(in.readInt());
        } catch (EOFException e) {
            throw cutShort(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String readString() {
        int length = readCount();
        StringBuilder text = new StringBuilder(Math.min(length, TRUSTED_LENGTH));
        for (int i = 0; i < length; i++) {
            int a = readByte() & 0xFF;
            if (a < 0x80) {
                text.append((char) a);
            } else if ((a & 0xE0) == 0xC0) {
                text.append((char) (((a & 0x1F) << 6) | continuation()));
            } else if ((a & 0xF0) == 0xE0) {
                int b = continuation();
                text.append((char) (((a & 0x0F) << 12) | (b << 6) | continuation()));
            } else {
                throw new StateFormatException("malformed string: byte " + a);
            }
        }
        return text.toString();
    }

    private int continuation() {
        int b = readByte() & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new StateFormatException("malformed string: byte " + b + " where a continuation was expected");
        }
        return b & 0x3F;
    }

    public byte[] readBytes() {
        int length = readCount();
        try {
            if (length <= TRUSTED_LENGTH) {
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                return bytes;
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(TRUSTED_LENGTH);
            byte[] chunk = new byte[TRUSTED_LENGTH];
            for (int left = length; left > 0; left -= chunk.length) {
                int n = Math.min(left, chunk.length);
                in.readFully(chunk, 0, n);
                bytes.write(chunk, 0, n);
            }
            return bytes.toByteArray();
        } catch (EOFException e) {
            throw cutShort(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BigInteger readBigInteger() {
        byte[] bytes = readBytes();
        if (bytes.length == 0) {
            throw new StateFormatException("a big integer needs at least one byte");
        }
        return new BigInteger(bytes);
    }

    /** A value as {@link StateWriter#writeValue} wrote it, of the class it had. */
    public Object readValue() {
        int tag = readByte();
        return switch (tag) {
            case StateFormat.NULL -> null;
            case StateFormat.FALSE -> Boolean.FALSE;
            case StateFormat.TRUE -> Boolean.TRUE;
            case StateFormat.BYTE -> (byte) readByte();
            case StateFormat.SHORT -> (short) readInt();
            case StateFormat.INT -> readInt();
            case StateFormat.LONG -> readLong();
            case StateFormat.FLOAT -> readFloat();
            case StateFormat.DOUBLE -> readDouble();
            case StateFormat.DECIMAL -> {
                int scale = readInt();
                yield new BigDecimal(readBigInteger(), scale);
            }
            case StateFormat.BIG_INTEGER -> readBigInteger();
            case StateFormat.STRING -> readString();
            case StateFormat.BYTES -> readBytes();
            case StateFormat.BYTE_STRING -> new org.apache.calcite.avatica.util.ByteString(readBytes());
            case StateFormat.INSTANT -> {
                long seconds = readLong();
                yield Instant.ofEpochSecond(seconds, readInt());
            }
            case StateFormat.LOCAL_DATE -> LocalDate.ofEpochDay(readLong());
            case StateFormat.LOCAL_TIME -> LocalTime.ofNanoOfDay(readLong());
            case StateFormat.ARRAY -> readRow();
            case StateFormat.LIST -> {
                int size = readCount();
                List<Object> list = new ArrayList<>(Math.min(size, TRUSTED_LENGTH));
                for (int i = 0; i < size; i++) {
                    list.add(readValue());
                }
                yield list;
            }
            case StateFormat.NULL_KEY -> KeySentinel.NULL_KEY;
            case StateFormat.SINGLE_GROUP -> KeySentinel.SINGLE_GROUP;
            default -> throw new StateFormatException("unknown value tag " + tag);
        };
    }

    public Object[] readRow() {
        int length = readCount();
        if (length > TRUSTED_LENGTH) {
            List<Object> values = new ArrayList<>(TRUSTED_LENGTH);
            for (int i = 0; i < length; i++) {
                values.add(readValue());
            }
            return values.toArray();
        }
        Object[] row = new Object[length];
        for (int i = 0; i < length; i++) {
            row[i] = readValue();
        }
        return row;
    }

    /** A row written by {@link StateWriter#writeNullableRow}. */
    public Object[] readNullableRow() {
        return readBoolean() ? readRow() : null;
    }

    private long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new StateFormatException("a variable-length integer runs over 10 bytes");
    }

    private static StateFormatException cutShort(EOFException e) {
        return new StateFormatException("the state ends in the middle of a value", e);
    }
}
