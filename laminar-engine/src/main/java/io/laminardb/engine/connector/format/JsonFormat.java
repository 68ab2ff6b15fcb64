package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format = 'json'}: a JSON object per message (or several, one after another: JSON Lines), its fields mapped to
 * columns by name ignoring case; fields no column names are ignored, a missing field or {@code null} is SQL NULL.
 * {@code TIMESTAMP} columns read ISO-8601 strings and epoch milliseconds and are written as ISO-8601 strings. A sink
 * over a changelog marks each row that is not an insert with a field {@value #OP_FIELD}; see {@code
 * docs/connectors/formats.md}.
 */
public final class JsonFormat implements FormatFactory {

    /** The field that carries the operation of a row that is not an insert, written first. */
    public static final String OP_FIELD = "__op";

    static final String IGNORE_PARSE_ERRORS = "json.ignore_parse_errors";

    @Override
    public String name() {
        return "json";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(ConnectorOption.bool(
                        IGNORE_PARSE_ERRORS,
                        "Whether a message that is not valid JSON or does not fit the columns is skipped (no row)"
                                + " instead of failing the source or going to the dead letters")
                .withDefault("false"));
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        return new Decoder(
                Columns.of(spec.schema().getFields(), spec.object(), name()),
                spec.options().getBoolean(IGNORE_PARSE_ERRORS).orElse(false));
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        Columns.of(spec.schema().getFields(), spec.object(), name()); // refuses a type without a JSON form
        JsonRowWriter writer = new JsonRowWriter(spec.schema());
        return (Row row, ChangeEvent.Op op) -> {
            if (op == ChangeEvent.Op.INSERT) {
                return writer.write(row);
            }
            return writer.write(out -> {
                out.writeStartObject();
                out.writeStringField(OP_FIELD, op.name());
                writer.columns(out, row);
                out.writeEndObject();
            });
        };
    }

    /** Decodes the objects of one message; made per reading thread, not thread-safe. */
    private static final class Decoder implements RowDecoder {

        private final Columns columns;
        private final boolean ignoreErrors;
        private final List<Object[]> rows = new ArrayList<>(1);

        Decoder(Columns columns, boolean ignoreErrors) {
            this.columns = columns;
            this.ignoreErrors = ignoreErrors;
        }

        @Override
        public void decode(byte[] key, byte[] value, Rows out) throws DecodeException {
            if (value == null) {
                return; // a tombstone
            }
            rows.clear();
            try {
                read(value);
            } catch (DecodeException e) {
                if (ignoreErrors) {
                    return;
                }
                throw e;
            }
            for (int i = 0; i < rows.size(); i++) {
                out.row(rows.get(i), ChangeEvent.Op.INSERT);
            }
            rows.clear();
        }

        /** Every object of the message into {@link #rows}, or an error and none handed over. */
        private void read(byte[] value) throws DecodeException {
            try (JsonParser p = JsonValues.parser(value)) {
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    if (token != JsonToken.START_OBJECT) {
                        throw new DecodeException("expected a JSON object, found " + JsonValues.describe(token)
                                + (rows.isEmpty() ? "" : " after " + rows.size() + " object(s)"));
                    }
                    rows.add(JsonValues.readObject(p, columns, value, 0));
                }
            } catch (IOException e) {
                throw JsonValues.invalid(e);
            }
        }
    }
}
