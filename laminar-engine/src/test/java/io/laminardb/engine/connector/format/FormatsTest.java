package io.laminardb.engine.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.value.SqlTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The formats shared by connectors, decoding and encoding through their FormatFactory. */
class FormatsTest {

    static Field column(String name, String type, boolean nullable) {
        int precision = type.equals("DECIMAL") ? 10 : type.equals("TIMESTAMP") ? 3 : 0;
        int scale = type.equals("DECIMAL") ? 2 : 0;
        return new Field(name, new FieldType(nullable, SqlTypes.arrowType(type, precision, scale), null), null);
    }

    static final Schema ORDERS = new Schema(List.of(
            column("id", "BIGINT", false),
            column("customer", "VARCHAR", true),
            column("amount", "DECIMAL", true),
            column("price", "DOUBLE", true),
            column("paid", "BOOLEAN", true),
            column("ts", "TIMESTAMP", true),
            column("day", "DATE", true)));

    static FormatSpec spec(Schema schema, Map<String, String> options) {
        return new FormatSpec("orders", schema, Row.layout(schema), ConnectorOptions.of(options));
    }

    static Object[] values(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    record Decoded(Object[] values, ChangeEvent.Op op) {}

    static List<Decoded> decode(FormatFactory format, Schema schema, Map<String, String> options, String message)
            throws DecodeException {
        RowDecoder decoder = format.decoder(spec(schema, options));
        List<Decoded> rows = new ArrayList<>();
        decoder.decode(
                null,
                message == null ? null : message.getBytes(StandardCharsets.UTF_8),
                (values, op) -> rows.add(new Decoded(values, op)));
        return rows;
    }

    @Test
    void jsonMapsColumnsByNameIgnoringCaseAndReadsTimestampsBothWays() throws Exception {
        List<Decoded> rows = decode(
                new JsonFormat(),
                ORDERS,
                Map.of(),
                "{\"ID\": 7, \"customer\": \"ann\", \"amount\": 12.50, \"price\": \"1.5\", \"paid\": true,"
                        + " \"ts\": \"2026-11-22T10:00:00Z\", \"day\": \"2026-11-22\", \"extra\": [1, 2]}");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values())
                .containsExactly(
                        7L,
                        "ann",
                        new BigDecimal("12.50"),
                        1.5,
                        true,
                        Instant.parse("2026-11-22T10:00:00Z"),
                        LocalDate.of(2026, 11, 22));
        Object[] millis = decode(new JsonFormat(), ORDERS, Map.of(), "{\"id\": 1, \"ts\": 1763805600000}")
                .get(0)
                .values();
        assertThat(millis[5]).isEqualTo(Instant.ofEpochMilli(1763805600000L));
        assertThat(millis[1]).isNull(); // missing: NULL
        Object[] local = decode(new JsonFormat(), ORDERS, Map.of(), "{\"id\": 1, \"ts\": \"2026-11-22 10:00:00.250\"}")
                .get(0)
                .values();
        assertThat(local[5]).isEqualTo(Instant.parse("2026-11-22T10:00:00.250Z"));
    }

    @Test
    void malformedJsonNamesTheColumnTheTypeAndTheValue() {
        assertThatThrownBy(() -> decode(new JsonFormat(), ORDERS, Map.of(), "{\"id\": 1, \"price\": \"abc\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("column 'price' is DOUBLE but the message has \"abc\"");
        assertThatThrownBy(() -> decode(new JsonFormat(), ORDERS, Map.of(), "{\"customer\": \"x\"}"))
                .hasMessageContaining("column 'id' is NOT NULL");
        assertThatThrownBy(() -> decode(new JsonFormat(), ORDERS, Map.of(), "{\"id\": 1,"))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> decode(new JsonFormat(), ORDERS, Map.of(), "[1, 2]"))
                .hasMessage("expected a JSON object, found ARRAY");
    }

    @Test
    void jsonIgnoreParseErrorsSkipsTheMessage() throws Exception {
        assertThat(decode(new JsonFormat(), ORDERS, Map.of("json.ignore_parse_errors", "true"), "nope"))
                .isEmpty();
    }

    @Test
    void jsonWritesIsoTimestampsExactDecimalsAndTheOperationOfRetractions() {
        Row row = Row.of(
                Row.layout(ORDERS),
                1L,
                "a\"b",
                new BigDecimal("3.10"),
                2.5,
                false,
                Instant.parse("2026-11-22T10:00:00Z"),
                LocalDate.of(2026, 1, 2));
        String json = new String(
                new JsonFormat().encoder(spec(ORDERS, Map.of())).encode(row, ChangeEvent.Op.INSERT),
                StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"id\":1,\"customer\":\"a\\\"b\",\"amount\":3.10,\"price\":2.5,\"paid\":false,"
                        + "\"ts\":\"2026-11-22T10:00:00Z\",\"day\":\"2026-01-02\"}");
        String delete = new String(
                new JsonFormat().encoder(spec(ORDERS, Map.of())).encode(row, ChangeEvent.Op.DELETE),
                StandardCharsets.UTF_8);
        assertThat(delete).startsWith("{\"__op\":\"DELETE\",\"id\":1,");
    }

    @Test
    void jsonEncodedRowsDecodeToTheSameValues() throws Exception {
        Row row = Row.of(
                Row.layout(ORDERS),
                9L,
                null,
                new BigDecimal("-0.01"),
                -1e-9,
                true,
                Instant.parse("1999-12-31T23:59:59.999Z"),
                LocalDate.of(1970, 1, 1));
        byte[] bytes = new JsonFormat().encoder(spec(ORDERS, Map.of())).encode(row, ChangeEvent.Op.INSERT);
        List<Decoded> back = decode(new JsonFormat(), ORDERS, Map.of(), new String(bytes, StandardCharsets.UTF_8));
        assertThat(back.get(0).values()).containsExactly(values(row));
    }

    @Test
    void rawTakesTheWholeMessageAsItsOneColumn() throws Exception {
        Schema text = new Schema(List.of(column("line", "VARCHAR", true)));
        assertThat(decode(new RawFormat(), text, Map.of(), "any bytes, {not json}")
                        .get(0)
                        .values())
                .containsExactly("any bytes, {not json}");
        assertThatThrownBy(() -> new RawFormat().decoder(spec(ORDERS, Map.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("format 'raw' needs exactly one column");
    }

}
