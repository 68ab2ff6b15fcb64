package io.laminardb.engine.connector.format;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.value.SqlTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Schemas, specs and a decoding helper shared by the format tests. */
final class FormatFixtures {

    private FormatFixtures() {}

    /** A column of a SQL type: {@code DECIMAL} is {@code DECIMAL(10, 2)}, {@code TIMESTAMP} {@code TIMESTAMP(3)}. */
    static Field column(String name, String type, boolean nullable) {
        int precision = type.equals("DECIMAL") ? 10 : -1;
        int scale = type.equals("DECIMAL") ? 2 : -1;
        return column(name, SqlTypes.arrowType(type, precision, scale), nullable);
    }

    static Field column(String name, ArrowType type, boolean nullable) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    /** A nullable {@code ROW(...)} column, as a record's nested record becomes. */
    static Field row(String name, Field... children) {
        return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(children));
    }

    /** A nullable {@code ARRAY<...>} column, as a record's list becomes. */
    static Field array(String name, Field element) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
    }

    static Schema schema(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** Orders: one column of most types. */
    static final Schema ORDERS = schema(
            column("id", "BIGINT", false),
            column("customer", "VARCHAR", true),
            column("amount", "DECIMAL", true),
            column("price", "DOUBLE", true),
            column("paid", "BOOLEAN", true),
            column("ts", "TIMESTAMP", true),
            column("day", "DATE", true));

    static FormatSpec spec(Schema schema, Map<String, String> options) {
        return new FormatSpec("orders", schema, Row.layout(schema), ConnectorOptions.of(options));
    }

    /** One decoded row and its operation. */
    record Decoded(Object[] values, ChangeEvent.Op op) {
        Object get(int column) {
            return values[column];
        }
    }

    static List<Decoded> decode(RowDecoder decoder, byte[] message) throws DecodeException {
        List<Decoded> rows = new ArrayList<>();
        decoder.decode(null, message, (values, op) -> rows.add(new Decoded(values, op)));
        return rows;
    }

    static List<Decoded> decode(FormatFactory format, Schema schema, Map<String, String> options, String message)
            throws DecodeException {
        return decode(
                format.decoder(spec(schema, options)),
                message == null ? null : message.getBytes(StandardCharsets.UTF_8));
    }

    /** The one row {@code message} decodes to, as an insert. */
    static Object[] decodeOne(FormatFactory format, Schema schema, String message) throws DecodeException {
        List<Decoded> rows = decode(format, schema, Map.of(), message);
        if (rows.size() != 1 || rows.get(0).op() != ChangeEvent.Op.INSERT) {
            throw new AssertionError("expected one insert, got " + rows.size() + " row(s)");
        }
        return rows.get(0).values();
    }

    static String encode(
            FormatFactory format, Schema schema, Map<String, String> options, ChangeEvent.Op op, Object... values) {
        byte[] bytes = format.encoder(spec(schema, options)).encode(Row.of(Row.layout(schema), values), op);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
