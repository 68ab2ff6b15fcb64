package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code format = 'debezium'}: Debezium's JSON change events, with or without the {@code schema}/{@code payload}
 * envelope. A source in this format is a changelog: {@code op} {@code c} and {@code r} (snapshot) insert {@code
 * after}; {@code u} retracts {@code before} and inserts {@code after}; {@code d} deletes {@code before}; a tombstone
 * (no value) is skipped. An update without {@code before} (a table whose replica identity does not log old rows) is
 * refused: the row to retract is unknown. Timestamps given as numbers are read as milliseconds, or as microseconds or
 * nanoseconds when the envelope's schema names {@code io.debezium.time.MicroTimestamp} / {@code NanoTimestamp}.
 */
public final class DebeziumFormat implements FormatFactory {

    @Override
    public String name() {
        return "debezium";
    }

    @Override
    public boolean changelog() {
        return true;
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        List<Field> fields = spec.schema().getFields();
        ColumnReader[] columns = fields.stream().map(ColumnReader::new).toArray(ColumnReader[]::new);
        return (key, value, out) -> {
            if (value == null) {
                return; // tombstone after a delete
            }
            JsonNode event = JsonFormat.parse(value);
            JsonNode payload = event.has("payload") && event.has("schema") ? event.get("payload") : event;
            if (payload == null || payload.isNull()) {
                return;
            }
            JsonNode opNode = payload.get("op");
            if (opNode == null || !opNode.isTextual()) {
                throw new DecodeException("not a Debezium change event: no \"op\" field");
            }
            Map<String, Integer> units = event.has("schema") ? timeUnits(event.get("schema")) : Map.of();
            switch (opNode.textValue()) {
                case "c", "r" -> out.row(row(payload, "after", columns, units), ChangeEvent.Op.INSERT);
                case "u" -> {
                    if (!hasRow(payload, "before")) {
                        throw new DecodeException("update without \"before\": the table must log whole old rows"
                                + " (PostgreSQL: ALTER TABLE ... REPLICA IDENTITY FULL)");
                    }
                    Object[] before = row(payload, "before", columns, units);
                    Object[] after = row(payload, "after", columns, units);
                    out.row(before, ChangeEvent.Op.UPDATE_BEFORE);
                    out.row(after, ChangeEvent.Op.UPDATE_AFTER);
                }
                case "d" -> out.row(row(payload, "before", columns, units), ChangeEvent.Op.DELETE);
                case "t" -> {} // truncate: not a row change this source can express
                default -> throw new DecodeException("unknown Debezium op '" + opNode.textValue() + "'");
            }
        };
    }

    private static boolean hasRow(JsonNode payload, String side) {
        JsonNode node = payload.get(side);
        return node != null && node.isObject();
    }

    private static Object[] row(JsonNode payload, String side, ColumnReader[] columns, Map<String, Integer> units)
            throws DecodeException {
        JsonNode node = payload.get(side);
        if (node == null || !node.isObject()) {
            throw new DecodeException("the change event has no \"" + side + "\" row");
        }
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Field field = columns[i].field();
            JsonNode value = ColumnReader.find(node, field.getName());
            Integer unit = units.get(field.getName().toLowerCase(java.util.Locale.ROOT));
            if (unit != null
                    && value != null
                    && value.isIntegralNumber()
                    && field.getType().getTypeID() == ArrowType.ArrowTypeID.Timestamp) {
                long v = value.longValue();
                row[i] = unit == 6
                        ? Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000), Math.floorMod(v, 1_000_000) * 1000L)
                        : Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000), Math.floorMod(v, 1_000_000_000));
                continue;
            }
            row[i] = columns[i].fromJson(value);
        }
        return row;
    }

    /** Columns whose Debezium schema says micro- (6) or nanosecond (9) timestamps, by lower-case name. */
    private static Map<String, Integer> timeUnits(JsonNode schema) {
        Map<String, Integer> units = new HashMap<>();
        JsonNode sides = schema.get("fields");
        if (sides == null) {
            return units;
        }
        for (JsonNode side : sides) {
            JsonNode fields = side.get("fields");
            if (fields == null) {
                continue;
            }
            for (Iterator<JsonNode> it = fields.elements(); it.hasNext(); ) {
                JsonNode f = it.next();
                String name = f.path("name").asText("");
                String column = f.path("field").asText("").toLowerCase(java.util.Locale.ROOT);
                if (name.equals("io.debezium.time.MicroTimestamp")) {
                    units.put(column, 6);
                } else if (name.equals("io.debezium.time.NanoTimestamp")) {
                    units.put(column, 9);
                }
            }
        }
        return units;
    }

    /**
     * Writes Debezium-style envelopes (bare payload): an insert as {@code op = c} with {@code after}, a delete as
     * {@code op = d} with {@code before}, an update's new row as {@code op = u} with {@code after}; the retraction half
     * of an update ({@code UPDATE_BEFORE}) writes nothing, since the {@code u} event that follows carries the change.
     */
    @Override
    public RowEncoder encoder(FormatSpec spec) {
        JsonWriter writer = new JsonWriter();
        JsonFactory factory = new JsonFactory();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        return (Row row, ChangeEvent.Op op) -> {
            if (op == ChangeEvent.Op.UPDATE_BEFORE) {
                return null;
            }
            buffer.reset();
            try (JsonGenerator out = factory.createGenerator(buffer)) {
                out.writeStartObject();
                out.writeStringField("op", op == ChangeEvent.Op.INSERT ? "c" : op == ChangeEvent.Op.DELETE ? "d" : "u");
                out.writeFieldName(op == ChangeEvent.Op.DELETE ? "before" : "after");
                writer.object(out, row);
                out.writeNumberField("ts_ms", System.currentTimeMillis());
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        };
    }
}
