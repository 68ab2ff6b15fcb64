package io.laminardb.engine.sink;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import java.util.Base64;
import java.util.List;

/** Rows as one-line JSON objects, for the file sink. */
final class Json {

    private Json() {}

    static String row(Row row, ChangeEvent.Op op) {
        StringBuilder s = new StringBuilder("{");
        if (op != ChangeEvent.Op.INSERT) {
            s.append("\"$op\":\"").append(op.name()).append("\",");
        }
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            string(s, row.schema().getFields().get(i).getName());
            s.append(':');
            value(s, row.get(i));
        }
        return s.append('}').toString();
    }

    private static void value(StringBuilder s, Object value) {
        if (value == null) {
            s.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                    || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
                string(s, value.toString());
            } else {
                s.append(value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
            }
        } else if (value instanceof byte[] bytes) {
            string(s, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Row nested) {
            s.append(row(nested, ChangeEvent.Op.INSERT));
        } else if (value instanceof List<?> list) {
            s.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                value(s, list.get(i));
            }
            s.append(']');
        } else {
            string(s, value.toString()); // timestamps, dates and times in ISO-8601
        }
    }

    private static void string(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
