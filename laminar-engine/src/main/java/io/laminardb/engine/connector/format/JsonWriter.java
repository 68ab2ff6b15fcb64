package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes rows as JSON objects: every column by name; timestamps, dates and times as ISO-8601 strings, decimals as exact
 * numbers, binary as base64, nested rows as objects, arrays as arrays. A row that is not an insert carries its
 * operation in a field {@code "__op"} ({@code DELETE}, {@code UPDATE_BEFORE}, {@code UPDATE_AFTER}).
 */
final class JsonWriter {

    /** The field that carries a changelog row's operation. */
    static final String OP_FIELD = "__op";

    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    byte[] write(Row row, ChangeEvent.Op op) {
        buffer.reset();
        try (JsonGenerator out = factory.createGenerator(buffer)) {
            if (op != ChangeEvent.Op.INSERT) {
                out.writeStartObject();
                out.writeStringField(OP_FIELD, op.name());
                fields(out, row);
                out.writeEndObject();
            } else {
                object(out, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Writes the fields of {@code row} into an object already started. */
    void fields(JsonGenerator out, Row row) throws IOException {
        var fields = row.schema().getFields();
        for (int i = 0; i < row.size(); i++) {
            out.writeFieldName(fields.get(i).getName());
            value(out, row.get(i));
        }
    }

    void object(JsonGenerator out, Row row) throws IOException {
        out.writeStartObject();
        fields(out, row);
        out.writeEndObject();
    }

    void value(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Short s) {
            out.writeNumber(s);
        } else if (value instanceof Byte b) {
            out.writeNumber(b);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                out.writeString(d.toString());
            } else {
                out.writeNumber(d);
            }
        } else if (value instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                out.writeString(f.toString());
            } else {
                out.writeNumber(f);
            }
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof byte[] bytes) {
            out.writeBinary(bytes);
        } else if (value instanceof Row nested) {
            object(out, nested);
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                value(out, item);
            }
            out.writeEndArray();
        } else {
            out.writeString(value.toString()); // Instant, LocalDate, LocalTime: ISO-8601
        }
    }
}
