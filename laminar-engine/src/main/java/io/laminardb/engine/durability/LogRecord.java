package io.laminardb.engine.durability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One record of the write-ahead log, as the engine writes it into a log record's payload.
 *
 * <p>Every record starts with its kind (one byte), its owner's name (a source or a table, as declared) and its order
 * (a number drawn from one counter for the whole database, so that the logs of several engine threads can be replayed
 * interleaved about as they were written). Rows are written value by value with {@link ValueCodec}.
 */
public sealed interface LogRecord {

    /** The source or table the record belongs to. */
    String owner();

    /** Its place among all records of the database. */
    long order();

    /**
     * Elements pushed to a source: one event, or a batch, with the sequence number of the push.
     *
     * @param rows the events in SQL form, in source column order
     */
    record Events(String owner, long order, long seq, List<Object[]> rows) implements LogRecord {}

    /** A source's engine thread forwarded {@code watermark} after handing on element {@code afterSeq}. */
    record Watermark(String owner, long order, long afterSeq, long watermark) implements LogRecord {}

    /** Rows inserted into or replacing rows of a table by primary key. */
    record TableUpsert(String owner, long order, List<Object[]> rows) implements LogRecord {}

    /** Rows deleted from a table: they are matched by primary key when replayed. */
    record TableDelete(String owner, long order, List<Object[]> rows) implements LogRecord {}

    /** The values of a group of rows, read where they are kept, so that no copy is made before encoding. */
    interface Rows {
        int size();

        Object value(int row, int column);
    }

    byte EVENTS = 1;
    byte WATERMARK = 2;
    byte TABLE_UPSERT = 3;
    byte TABLE_DELETE = 4;

    /** Encodes an {@link Events} record without building it. */
    static byte[] events(String owner, long order, long seq, int columns, Rows rows) {
        RecordBuffer buffer = new RecordBuffer();
        events(buffer, ownerHeader(owner), order, seq, columns, rows);
        return buffer.toByteArray();
    }

    /**
     * Encodes an {@link Events} record into {@code buffer} (emptied first), for a writer that reuses one.
     *
     * @param owner the owner's name as {@link #ownerHeader} encodes it, once per writer
     */
    static void events(RecordBuffer buffer, byte[] owner, long order, long seq, int columns, Rows rows) {
        buffer.reset();
        buffer.writeByte(EVENTS);
        buffer.write(owner);
        buffer.writeLong(order);
        buffer.writeLong(seq);
        try {
            writeRows(buffer, columns, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // RecordBuffer does not throw
        }
    }

    /** An owner's name as a record header holds it. */
    static byte[] ownerHeader(String owner) {
        RecordBuffer buffer = new RecordBuffer();
        buffer.writeUTF(owner);
        return buffer.toByteArray();
    }

    static byte[] watermark(String owner, long order, long afterSeq, long watermark) {
        return encode(WATERMARK, owner, order, out -> {
            out.writeLong(afterSeq);
            out.writeLong(watermark);
        });
    }

    static byte[] tableChange(boolean upsert, String owner, long order, int columns, List<Object[]> rows) {
        return encode(
                upsert ? TABLE_UPSERT : TABLE_DELETE,
                owner,
                order,
                out -> writeRows(out, columns, new Rows() {
                    @Override
                    public int size() {
                        return rows.size();
                    }

                    @Override
                    public Object value(int row, int column) {
                        return rows.get(row)[column];
                    }
                }));
    }

    /**
     * Decodes a payload.
     *
     * @param columns the columns of an owner by name, or null for an owner that no longer exists, whose record is then
     *     returned without rows
     */
    static LogRecord decode(byte[] payload, Function<String, List<Field>> columns) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte kind = in.readByte();
            String owner = in.readUTF();
            long order = in.readLong();
            return switch (kind) {
                case EVENTS -> {
                    long seq = in.readLong();
                    yield new Events(owner, order, seq, readRows(in, columns.apply(owner)));
                }
                case WATERMARK -> new Watermark(owner, order, in.readLong(), in.readLong());
                case TABLE_UPSERT -> new TableUpsert(owner, order, readRows(in, columns.apply(owner)));
                case TABLE_DELETE -> new TableDelete(owner, order, readRows(in, columns.apply(owner)));
                default -> throw new IOException("Unknown log record kind " + kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("A log record could not be read: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(byte kind, String owner, long order, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeUTF(owner);
            out.writeLong(order);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeRows(java.io.DataOutput out, int columns, Rows rows) throws IOException {
        int n = rows.size();
        out.writeInt(n);
        out.writeShort(columns);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < columns; c++) {
                ValueCodec.write(out, rows.value(r, c));
            }
        }
    }

    private static List<Object[]> readRows(DataInputStream in, List<Field> fields) throws IOException {
        if (fields == null) {
            return List.of();
        }
        int n = in.readInt();
        int columns = in.readShort();
        if (columns != fields.size()) {
            throw new IOException("a row of " + columns + " columns where the owner now has " + fields.size());
        }
        List<Object[]> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = ValueCodec.read(in, fields.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Writes a record's body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }
}
