package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.RowDecoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes Debezium JSON change events. The {@code schema} half of an envelope is most of the message and the same from
 * one event to the next: it is found by scanning bytes for its closing brace (no tokens), compared byte for byte with
 * the previous one, and read as a tree only when it changed; the parser then starts at the {@code payload}, whose
 * {@code before} and {@code after} are read into rows as their tokens come. Any other shape (a bare payload, the
 * payload first, a null schema) takes one general pass over the tokens. Made per reading thread, not thread-safe.
 */
final class DebeziumDecoder implements RowDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] SCHEMA = JsonBytes.ascii("\"schema\"");
    private static final byte[] PAYLOAD = JsonBytes.ascii("\"payload\"");
    private static final byte[] NULL = JsonBytes.ascii("null");

    private final Columns base;
    private final boolean ignoreErrors;

    /** The last {@code schema} read, and the columns it gave. */
    private byte[] lastSchema;

    private Columns lastColumns;

    /** The event being read. */
    private String op;

    private Object[] before;
    private Object[] after;
    private boolean payloadNull;

    DebeziumDecoder(Columns base, boolean ignoreErrors) {
        this.base = base;
        this.ignoreErrors = ignoreErrors;
    }

    @Override
    public void decode(byte[] key, byte[] value, Rows out) throws DecodeException {
        if (value == null || value.length == 0) {
            return; // a tombstone after a delete
        }
        try {
            read(value);
        } catch (DecodeException e) {
            if (ignoreErrors) {
                return;
            }
            throw e;
        }
        if (payloadNull) {
            return;
        }
        switch (op) {
            case "c":
            case "r":
                out.row(after, ChangeEvent.Op.INSERT);
                break;
            case "u":
                out.row(before, ChangeEvent.Op.UPDATE_BEFORE);
                out.row(after, ChangeEvent.Op.UPDATE_AFTER);
                break;
            case "d":
                out.row(before, ChangeEvent.Op.DELETE);
                break;
            default:
                break; // "t" (truncate) and "m" (a message): no row
        }
    }

    /** Reads one event into {@link #op}, {@link #before}, {@link #after}, {@link #payloadNull}, and checks it. */
    private void read(byte[] value) throws DecodeException {
        if (!readEnvelope(value)) {
            readTokens(value, null);
        }
        if (payloadNull) {
            return;
        }
        if (op == null) {
            throw new DecodeException("not a Debezium change event: no \"op\" field");
        }
        switch (op) {
            case "c":
            case "r":
                require(after, "after");
                break;
            case "u":
                if (before == null) {
                    throw new DecodeException("an update (op 'u') without \"before\": the row to retract is unknown;"
                            + " have the database log whole old rows (PostgreSQL: ALTER TABLE ... REPLICA IDENTITY"
                            + " FULL)");
                }
                require(after, "after");
                break;
            case "d":
                require(before, "before");
                break;
            case "t":
            case "m":
                break;
            default:
                throw new DecodeException("unknown Debezium op '" + op + "' (expected c, r, u, d, t or m)");
        }
    }

    private void require(Object[] row, String side) throws DecodeException {
        if (row == null) {
            throw new DecodeException("a change event with op '" + op + "' but no \"" + side + "\" row");
        }
    }

    private void reset() {
        op = null;
        before = null;
        after = null;
        payloadNull = false;
    }

    /**
     * The usual envelope, {@code {"schema":{...},"payload":...}} and nothing else, read without tokenizing the schema.
     *
     * @return false when the message has another shape (nothing was read then)
     */
    private boolean readEnvelope(byte[] value) throws DecodeException {
        reset();
        int at = JsonBytes.skipSpace(value, 0);
        if (!JsonBytes.at(value, at, '{')) {
            return false;
        }
        at = JsonBytes.skipSpace(value, at + 1);
        if (!JsonBytes.startsWith(value, at, SCHEMA)) {
            return false;
        }
        at = JsonBytes.skipSpace(value, at + SCHEMA.length);
        if (!JsonBytes.at(value, at, ':')) {
            return false;
        }
        int schemaStart = JsonBytes.skipSpace(value, at + 1);
        int schemaEnd = JsonBytes.at(value, schemaStart, '{') ? JsonBytes.closing(value, schemaStart) + 1 : 0;
        if (schemaEnd <= 0) {
            return false;
        }
        at = JsonBytes.skipSpace(value, schemaEnd);
        if (!JsonBytes.at(value, at, ',')) {
            return false;
        }
        at = JsonBytes.skipSpace(value, at + 1);
        if (!JsonBytes.startsWith(value, at, PAYLOAD)) {
            return false;
        }
        at = JsonBytes.skipSpace(value, at + PAYLOAD.length);
        if (!JsonBytes.at(value, at, ':')) {
            return false;
        }
        int payload = JsonBytes.skipSpace(value, at + 1);
        int payloadEnd;
        if (JsonBytes.startsWith(value, payload, NULL)) {
            payloadEnd = payload + NULL.length;
        } else if (JsonBytes.at(value, payload, '{')) {
            payloadEnd = JsonBytes.closing(value, payload) + 1;
        } else {
            return false;
        }
        if (payloadEnd <= 0 || !JsonBytes.onlyClosingBrace(value, payloadEnd)) {
            return false;
        }
        Columns columns = schemaColumns(value, schemaStart, schemaEnd);
        if (value[payload] == 'n') {
            payloadNull = true;
            return true;
        }
        try (JsonParser p = JsonValues.parser(value, payload)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                payloadField(field, p.nextToken(), p, columns, value, payload);
            }
        } catch (IOException e) {
            throw JsonValues.invalid(e);
        }
        return true;
    }

    /**
     * Reads any shape of event from its tokens: a bare payload, or an envelope in any order.
     *
     * @param fixed the columns to read the rows with, on a second pass; null on the first
     */
    private void readTokens(byte[] value, Columns fixed) throws DecodeException {
        reset();
        Columns columns = fixed == null ? base : fixed;
        boolean sawSchema = fixed != null;
        boolean deferred = false;
        try (JsonParser p = JsonValues.parser(value)) {
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                payloadNull = true; // a tombstone written as JSON null
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new DecodeException("expected a Debezium change event (a JSON object), found "
                        + (token == null ? "nothing" : JsonValues.describe(token)));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                token = p.nextToken();
                if (name.equals("schema")) {
                    if (token == JsonToken.START_OBJECT && fixed == null) {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        columns = schemaColumns(
                                value, start, (int) p.currentTokenLocation().getByteOffset() + 1);
                    } else {
                        p.skipChildren();
                    }
                    sawSchema = true;
                } else if (name.equals("payload")) {
                    if (token == JsonToken.VALUE_NULL) {
                        payloadNull = true;
                    } else if (token != JsonToken.START_OBJECT) {
                        throw new DecodeException("the \"payload\" of a Debezium envelope is "
                                + JsonValues.describe(token) + ", not an object");
                    } else if (sawSchema) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            payloadField(field, p.nextToken(), p, columns, value, 0);
                        }
                    } else {
                        p.skipChildren(); // the schema may follow: read the payload again once it is known
                        deferred = true;
                    }
                } else {
                    payloadField(name, token, p, columns, value, 0); // an event without the envelope
                }
            }
        } catch (IOException e) {
            throw JsonValues.invalid(e);
        }
        if (deferred) {
            readTokens(value, columns);
        }
    }

    private void payloadField(String name, JsonToken token, JsonParser p, Columns columns, byte[] value, int from)
            throws IOException, DecodeException {
        switch (name) {
            case "op":
                if (token != JsonToken.VALUE_STRING) {
                    throw new DecodeException(
                            "the Debezium \"op\" is " + JsonValues.describe(token) + ", not a string");
                }
                op = p.getText();
                break;
            case "before":
                before = row(p, token, columns, value, from, name);
                break;
            case "after":
                after = row(p, token, columns, value, from, name);
                break;
            default:
                p.skipChildren();
        }
    }

    private static Object[] row(JsonParser p, JsonToken token, Columns columns, byte[] value, int from, String side)
            throws IOException, DecodeException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new DecodeException("\"" + side + "\" is " + JsonValues.describe(token) + ", not an object");
        }
        try {
            return JsonValues.readObject(p, columns, value, from);
        } catch (DecodeException e) {
            throw new DecodeException("\"" + side + "\": " + e.getMessage(), e.getCause());
        }
    }

    /** The columns the {@code schema} object between {@code start} and {@code end} gives; read when it changed. */
    private Columns schemaColumns(byte[] value, int start, int end) throws DecodeException {
        if (lastSchema != null && Arrays.equals(value, start, end, lastSchema, 0, lastSchema.length)) {
            return lastColumns;
        }
        JsonNode schema;
        try {
            schema = MAPPER.readTree(value, start, end - start);
        } catch (IOException e) {
            throw JsonValues.invalid(e);
        }
        lastColumns = DebeziumSchema.columns(schema, base);
        lastSchema = Arrays.copyOfRange(value, start, end);
        return lastColumns;
    }
}
