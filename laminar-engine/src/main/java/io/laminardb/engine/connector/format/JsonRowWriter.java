package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.laminardb.engine.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows of one schema as JSON objects: every column by name, in column order; {@code TIMESTAMP}, {@code DATE}
 * and {@code TIME} as ISO-8601 strings, {@code DECIMAL} as exact plain numbers, {@code VARBINARY} as base64, {@code
 * NaN} and infinities as strings, nested rows as objects, arrays as arrays. Not thread-safe: one per encoder, its
 * buffer reused from row to row.
 */
final class JsonRowWriter {

    /** What a message holds, written into a fresh generator. */
    @FunctionalInterface
    interface Document {
        void write(JsonGenerator out) throws IOException;
    }

    private final SerializedString[] names;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    JsonRowWriter(Schema schema) {
        List<Field> fields = schema.getFields();
        names = new SerializedString[fields.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(fields.get(i).getName());
        }
    }

    /** One object holding the row's columns. */
    byte[] write(Row row) {
        return write(out -> object(out, row));
    }

    /** The bytes of one document. */
    byte[] write(Document document) {
        buffer.reset();
        try (JsonGenerator out = JsonValues.FACTORY.createGenerator(buffer)) {
            document.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The row's columns into an object already started. */
    void columns(JsonGenerator out, Row row) throws IOException {
        for (int i = 0; i < names.length; i++) {
            out.writeFieldName(names[i]);
            value(out, row.get(i));
        }
    }

    /** The row as an object, written into a document already started. */
    void object(JsonGenerator out, Row row) throws IOException {
        out.writeStartObject();
        columns(out, row);
        out.writeEndObject();
    }

    static void value(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Double d) {
            out.writeNumber(d); // NaN and infinities as strings (WRITE_NAN_AS_STRINGS)
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof Short s) {
            out.writeNumber(s);
        } else if (value instanceof Byte b) {
            out.writeNumber(b);
        } else if (value instanceof byte[] bytes) {
            out.writeBinary(bytes);
        } else if (value instanceof Row nested) {
            out.writeStartObject();
            List<Field> fields = nested.schema().getFields();
            for (int i = 0; i < nested.size(); i++) {
                out.writeFieldName(fields.get(i).getName());
                value(out, nested.get(i));
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                value(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Instant instant) {
            out.writeString(TimeValues.format(instant));
        } else {
            out.writeString(value.toString()); // LocalDate, LocalTime: ISO-8601
        }
    }
}
