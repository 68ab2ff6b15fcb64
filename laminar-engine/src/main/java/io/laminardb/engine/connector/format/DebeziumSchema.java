package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code schema} half of a Debezium envelope says about how column values are written, beyond JSON: the unit
 * of numeric timestamps and times ({@code io.debezium.time.MicroTimestamp}, {@code NanoTime}, ...) and decimals written
 * as base64 unscaled bytes ({@code org.apache.kafka.connect.data.Decimal}, Debezium's default {@code
 * decimal.handling.mode=precise}). Stateless.
 */
final class DebeziumSchema {

    private DebeziumSchema() {}

    /**
     * The columns to read the envelope's rows with: {@code base} with the encodings the schema names for the fields of
     * {@code before} and {@code after}. Names the schema gives no column, and encodings that do not fit the column's
     * type, are ignored.
     */
    static Columns columns(JsonNode schema, Columns base) {
        Map<String, JsonNode> fields = new HashMap<>();
        for (JsonNode side : schema.path("fields")) {
            String name = side.path("field").asText("");
            if (name.equals("before") || name.equals("after")) {
                for (JsonNode field : side.path("fields")) {
                    fields.putIfAbsent(field.path("field").asText("").toLowerCase(Locale.ROOT), field);
                }
            }
        }
        if (fields.isEmpty()) {
            return base;
        }
        return base.map(column -> {
            JsonNode field = fields.get(column.field.getName().toLowerCase(Locale.ROOT));
            return field == null ? column : encoded(column, field);
        });
    }

    private static Column encoded(Column column, JsonNode field) {
        String name = field.path("name").asText("");
        switch (column.kind) {
            case TIMESTAMP:
                switch (name) {
                    case "io.debezium.time.Timestamp":
                    case "org.apache.kafka.connect.data.Timestamp":
                        return column.withTimeScale(Column.TimeScale.MILLIS);
                    case "io.debezium.time.MicroTimestamp":
                        return column.withTimeScale(Column.TimeScale.MICROS);
                    case "io.debezium.time.NanoTimestamp":
                        return column.withTimeScale(Column.TimeScale.NANOS);
                    default:
                        return column;
                }
            case TIME:
                switch (name) {
                    case "io.debezium.time.Time":
                    case "org.apache.kafka.connect.data.Time":
                        return column.withTimeScale(Column.TimeScale.MILLIS);
                    case "io.debezium.time.MicroTime":
                        return column.withTimeScale(Column.TimeScale.MICROS);
                    case "io.debezium.time.NanoTime":
                        return column.withTimeScale(Column.TimeScale.NANOS);
                    default:
                        return column;
                }
            case DECIMAL:
                if (name.equals("org.apache.kafka.connect.data.Decimal")) {
                    JsonNode scale = field.path("parameters").path("scale");
                    if (scale.isTextual() || scale.isIntegralNumber()) {
                        try {
                            return column.withDecimalBytes(
                                    Integer.parseInt(scale.asText().trim()));
                        } catch (NumberFormatException e) {
                            return column;
                        }
                    }
                }
                return column;
            default:
                return column;
        }
    }
}
