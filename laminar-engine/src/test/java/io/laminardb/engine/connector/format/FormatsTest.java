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
