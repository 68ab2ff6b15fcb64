package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code format = 'json'}: one JSON object per message, columns by name (ignoring case), unknown fields ignored,
 * missing ones NULL. TIMESTAMP columns read ISO-8601 strings and epoch-millisecond numbers and are written as ISO-8601
 * strings. See {@code docs/connectors/formats.md}.
 */
public final class JsonFormat implements FormatFactory {

    static final ObjectReader READER = new ObjectMapper().reader();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(ConnectorOption.bool(
                        "json.ignore_parse_errors",
                        "Skip a message that is not valid JSON or does not fit the columns, instead of sending it to"
                                + " the dead letters")
                .withDefault("false"));
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        List<Field> fields = spec.schema().getFields();
        ColumnReader[] columns = fields.stream().map(ColumnReader::new).toArray(ColumnReader[]::new);
        boolean ignoreErrors =
                spec.options().getBoolean("json.ignore_parse_errors").orElse(false);
        return (key, value, out) -> {
            if (value == null) {
                return; // a tombstone
            }
            Object[] row;
            try {
                row = read(parse(value), columns);
            } catch (DecodeException e) {
                if (ignoreErrors) {
                    return;
                }
                throw e;
            }
            out.row(row, io.laminardb.engine.ChangeEvent.Op.INSERT);
        };
    }

    static JsonNode parse(byte[] value) throws DecodeException {
        try {
            return READER.readTree(value);
        } catch (IOException e) {
            throw new DecodeException("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The columns of one JSON object. */
    static Object[] read(JsonNode node, ColumnReader[] columns) throws DecodeException {
        if (node == null || !node.isObject()) {
            throw new DecodeException(
                    "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            row[i] = columns[i].fromJson(
                    ColumnReader.find(node, columns[i].field().getName()));
        }
        return row;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "?";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        JsonWriter writer = new JsonWriter();
        return writer::write;
    }
}
