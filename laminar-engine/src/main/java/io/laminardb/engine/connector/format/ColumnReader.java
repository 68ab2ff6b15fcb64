package io.laminardb.engine.connector.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.value.SqlTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Turns a JSON value or a text field into the SQL form of one column ({@link io.laminardb.engine.Row}'s Java types),
 * naming the column, its type and the value when they do not fit. Shared by the text formats.
 */
final class ColumnReader {

    private final Field field;
    private final String type;

    ColumnReader(Field field) {
        this.field = field;
        this.type = SqlTypes.sqlName(field);
    }

    Field field() {
        return field;
    }

    /** A column's value from JSON: missing or {@code null} is SQL NULL (refused for a NOT NULL column). */
    Object fromJson(JsonNode node) throws DecodeException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return nullValue();
        }
        ArrowType arrow = field.getType();
        try {
            switch (arrow.getTypeID()) {
                case Bool:
                    if (node.isBoolean()) {
                        return node.booleanValue();
                    }
                    if (node.isTextual()) {
                        return parseBoolean(node.textValue());
                    }
                    throw mismatch(node);
                case Int:
                    if (node.isIntegralNumber()
                            || (node.isNumber()
                                    && node.decimalValue().stripTrailingZeros().scale() <= 0)) {
                        return integer(node.decimalValue());
                    }
                    if (node.isTextual()) {
                        return integer(new BigDecimal(node.textValue().trim()));
                    }
                    throw mismatch(node);
                case FloatingPoint:
                    if (node.isNumber() || node.isTextual()) {
                        double d = node.isNumber()
                                ? node.doubleValue()
                                : Double.parseDouble(node.textValue().trim());
                        return isFloat(arrow) ? (Object) (float) d : (Object) d;
                    }
                    throw mismatch(node);
                case Decimal:
                    if (node.isNumber() || node.isTextual()) {
                        BigDecimal d = node.isNumber()
                                ? node.decimalValue()
                                : new BigDecimal(node.textValue().trim());
                        return decimal(d);
                    }
                    throw mismatch(node);
                case Utf8:
                    return node.isTextual() ? node.textValue() : node.toString();
                case Binary:
                    if (node.isTextual()) {
                        return Base64.getDecoder().decode(node.textValue());
                    }
                    if (node.isBinary()) {
                        return node.binaryValue();
                    }
                    throw mismatch(node);
                case Timestamp:
                    if (node.isIntegralNumber()) {
                        return Instant.ofEpochMilli(node.longValue());
                    }
                    if (node.isTextual()) {
                        return timestamp(node.textValue());
                    }
                    throw mismatch(node);
                case Date:
                    if (node.isTextual()) {
                        return LocalDate.parse(node.textValue().trim());
                    }
                    if (node.isIntegralNumber()) {
                        return LocalDate.ofEpochDay(node.longValue());
                    }
                    throw mismatch(node);
                case Time:
                    if (node.isTextual()) {
                        return LocalTime.parse(node.textValue().trim());
                    }
                    throw mismatch(node);
                case Struct:
                    if (!node.isObject()) {
                        throw mismatch(node);
                    }
                    return nestedRow(node);
                case List:
                    if (!node.isArray()) {
                        throw mismatch(node);
                    }
                    ColumnReader element = new ColumnReader(field.getChildren().get(0));
                    List<Object> list = new ArrayList<>(node.size());
                    for (JsonNode item : node) {
                        list.add(element.fromJson(item));
                    }
                    return list;
                default:
                    throw new DecodeException(
                            "column '" + field.getName() + "' has type " + type + ", which this format cannot read");
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw mismatch(node);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("column '" + field.getName() + "' is " + type + " but the message has " + node
                    + ": " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new DecodeException("column '" + field.getName() + "': " + e.getMessage());
        }
    }

    private Object nestedRow(JsonNode node) throws DecodeException {
        List<Field> children = field.getChildren();
        Object[] values = new Object[children.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = new ColumnReader(children.get(i))
                    .fromJson(find(node, children.get(i).getName()));
        }
        return io.laminardb.engine.Row.of(io.laminardb.engine.value.SqlValues.nestedLayout(field), values);
    }

    /** A field of an object by name, ignoring case when the exact name is absent. */
    static JsonNode find(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (var e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A column's value from text (CSV); {@code null} is SQL NULL. */
    Object fromText(String text) throws DecodeException {
        if (text == null) {
            return nullValue();
        }
        String t = text.trim();
        ArrowType arrow = field.getType();
        try {
            switch (arrow.getTypeID()) {
                case Bool:
                    return parseBoolean(t);
                case Int:
                    return integer(new BigDecimal(t));
                case FloatingPoint:
                    double d = Double.parseDouble(t);
                    return isFloat(arrow) ? (Object) (float) d : (Object) d;
                case Decimal:
                    return decimal(new BigDecimal(t));
                case Utf8:
                    return text;
                case Binary:
                    return Base64.getDecoder().decode(t);
                case Timestamp:
                    return t.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(t)) : timestamp(t);
                case Date:
                    return LocalDate.parse(t);
                case Time:
                    return LocalTime.parse(t);
                default:
                    throw new DecodeException(
                            "column '" + field.getName() + "' has type " + type + ", which this format cannot read");
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new DecodeException(
                    "column '" + field.getName() + "' is " + type + " but the message has '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new DecodeException("column '" + field.getName() + "' is " + type + " but the message has '" + text
                    + "': " + e.getMessage());
        }
    }

    private Object nullValue() throws DecodeException {
        if (!field.isNullable()) {
            throw new DecodeException(
                    "column '" + field.getName() + "' is NOT NULL but the message has no value for" + " it");
        }
        return null;
    }

    private Object integer(BigDecimal value) {
        int bits = ((ArrowType.Int) field.getType()).getBitWidth();
        long v = value.longValueExact();
        return switch (bits) {
            case 8 -> (byte) checked(v, bits);
            case 16 -> (short) checked(v, bits);
            case 32 -> Math.toIntExact(v);
            default -> v;
        };
    }

    private static long checked(long v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        if (v > max || v < -max - 1) {
            throw new ArithmeticException("out of range");
        }
        return v;
    }

    private Object decimal(BigDecimal value) {
        int scale = ((ArrowType.Decimal) field.getType()).getScale();
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    private static boolean isFloat(ArrowType type) {
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE;
    }

    private static Boolean parseBoolean(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new NumberFormatException(text);
    }

    /** ISO-8601 with an offset or {@code Z}; a local date-time is taken as UTC; a space may stand for the {@code T}. */
    static Instant timestamp(String text) {
        String t = text.trim().replace(' ', 'T');
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z') {
            return Instant.parse(t.toUpperCase());
        }
        int time = t.indexOf('T');
        if (time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0)) {
            return OffsetDateTime.parse(t).toInstant();
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    }

    private DecodeException mismatch(JsonNode node) {
        String shown = node.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new DecodeException("column '" + field.getName() + "' is " + type + " but the message has " + shown);
    }
}
