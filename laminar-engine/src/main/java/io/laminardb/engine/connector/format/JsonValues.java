package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.DecodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON values into columns straight from the parser's tokens, with no tree in between: each field of an object
 * is looked up by name and converted as it is read, fields no column wants are skipped unparsed. Stateless; the
 * parser is the caller's.
 *
 * <p>Every column takes JSON {@code null}; strings go through {@link Column#fromText}; numbers are exact for {@code
 * DECIMAL} and {@code FLOAT} (read from their digits, not through a double); a {@code VARCHAR} takes any value, objects
 * and arrays as their JSON text as written.
 */
final class JsonValues {

    /**
     * The one factory of the text formats: shared, as Jackson factories are thread-safe. Reads {@code NaN} and
     * {@code Infinity} as numbers (Python's {@code json} writes them); writes them as strings, and decimals without
     * exponents.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonValues() {}

    /** A parser over a whole message; byte offsets of its tokens are offsets into {@code source}. */
    static JsonParser parser(byte[] source) throws DecodeException {
        return parser(source, 0);
    }

    /** A parser over {@code source} from {@code from} on; byte offsets of its tokens count from {@code from}. */
    static JsonParser parser(byte[] source, int from) throws DecodeException {
        try {
            return FACTORY.createParser(source, from, source.length - from);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** The error for bytes that are not JSON, with the parser's reason and position. */
    static DecodeException invalid(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            first += " (at byte " + j.getLocation().getByteOffset() + ")";
        }
        return new DecodeException("not valid JSON: " + first, e);
    }

    /**
     * Reads the fields of an object into a row of {@code columns}: the parser is on the object's {@code START_OBJECT}
     * and is left on its {@code END_OBJECT}. A column without a field is NULL.
     *
     * @param source the bytes the parser reads
     * @param base where in {@code source} the parser's input starts (its byte offsets count from there)
     * @throws DecodeException when a value does not fit its column, or a NOT NULL column has none
     */
    static Object[] readObject(JsonParser p, Columns columns, byte[] source, int base)
            throws IOException, DecodeException {
        Object[] values = new Object[columns.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = columns.indexOf(p.currentName());
            JsonToken token = p.nextToken();
            if (i < 0) {
                p.skipChildren();
            } else {
                values[i] = read(p, token, columns.get(i), source, base);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && !columns.get(i).nullable) {
                throw columns.get(i).missing();
            }
        }
        return values;
    }

    /** The value of {@code column} at the parser's current token; the parser is left on the value's last token. */
    static Object read(JsonParser p, JsonToken token, Column column, byte[] source, int base)
            throws IOException, DecodeException {
        switch (token) {
            case VALUE_NULL:
                return column.nullValue();
            case VALUE_STRING:
                return column.fromText(p.getText(), true);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p, token, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (column.kind == Column.Kind.BOOLEAN) {
                    return token == JsonToken.VALUE_TRUE;
                }
                if (column.kind == Column.Kind.VARCHAR) {
                    return p.getText();
                }
                throw column.mismatch(p.getText(), null);
            case START_OBJECT:
                if (column.kind == Column.Kind.ROW) {
                    return Row.of(column.layout, readObject(p, column.children, source, base));
                }
                return structure(p, column, source, base);
            case START_ARRAY:
                if (column.kind == Column.Kind.ARRAY) {
                    List<Object> list = new ArrayList<>();
                    JsonToken item;
                    while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                        list.add(read(p, item, column.element, source, base));
                    }
                    return list;
                }
                return structure(p, column, source, base);
            default:
                throw column.mismatch(String.valueOf(token), null);
        }
    }

    private static Object number(JsonParser p, JsonToken token, Column column) throws IOException, DecodeException {
        boolean whole = token == JsonToken.VALUE_NUMBER_INT;
        try {
            switch (column.kind) {
                case TINYINT:
                case SMALLINT:
                case INT:
                case BIGINT:
                    if (whole && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        return column.integer(p.getLongValue(), p.getText());
                    }
                    return column.integral(p.getDecimalValue(), p.getText());
                case FLOAT:
                    return Float.parseFloat(p.getText());
                case DOUBLE:
                    return p.getDoubleValue();
                case DECIMAL:
                    return column.decimal(p.getDecimalValue(), p.getText());
                case VARCHAR:
                    return p.getText();
                case TIMESTAMP:
                    if (whole) {
                        return column.timestamp(column.numbers.instant(p.getLongValue()));
                    }
                    break;
                case TIME:
                    if (whole) {
                        return column.time(column.numbers.timeOfDay(p.getLongValue()));
                    }
                    break;
                case DATE:
                    if (whole) {
                        return LocalDate.ofEpochDay(p.getLongValue());
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw column.mismatch(p.getText(), null);
        } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
            throw column.mismatch(p.getText(), "out of range");
        }
        throw column.mismatch(p.getText(), null);
    }

    /** An object or array for a column that is not a row or an array: a {@code VARCHAR} takes its JSON text. */
    private static Object structure(JsonParser p, Column column, byte[] source, int base)
            throws IOException, DecodeException {
        int start = base + (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = base + (int) p.currentTokenLocation().getByteOffset() + 1;
        String text = new String(source, start, end - start, StandardCharsets.UTF_8);
        if (column.kind == Column.Kind.VARCHAR) {
            return text;
        }
        throw column.mismatch(text, null);
    }

    /** What a token is, for messages: "an array", "a number". */
    static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }
}
