package io.laminardb.engine.connector.format;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code format = 'csv'}: RFC 4180 lines, one row per line (a message may hold several); columns by position, or by
 * name when {@code csv.header} says the message starts with a header line. See {@code docs/connectors/formats.md}.
 */
public final class CsvFormat implements FormatFactory {

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(
                ConnectorOption.string("csv.delimiter", "The field separator, one character")
                        .withDefault(","),
                ConnectorOption.string("csv.quote", "The quote character").withDefault("\""),
                ConnectorOption.bool("csv.header", "Whether each message starts with a header line naming the columns")
                        .withDefault("false"),
                ConnectorOption.string("csv.null_literal", "The text that stands for NULL (default: an empty field)")
                        .withDefault(""));
    }

    private record Settings(char delimiter, char quote, boolean header, String nullLiteral) {
        static Settings of(FormatSpec spec) {
            String delimiter = spec.options().get("csv.delimiter").orElse(",");
            String quote = spec.options().get("csv.quote").orElse("\"");
            if (delimiter.length() != 1 || quote.length() != 1) {
                throw new ConnectorException("'" + spec.object() + "': csv.delimiter and csv.quote must be one"
                        + " character each, not '" + delimiter + "' and '" + quote + "'.");
            }
            return new Settings(
                    delimiter.equals("\\t") ? '\t' : delimiter.charAt(0),
                    quote.charAt(0),
                    spec.options().getBoolean("csv.header").orElse(false),
                    spec.options().get("csv.null_literal").orElse(""));
        }
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        Settings settings = Settings.of(spec);
        ColumnReader[] columns =
                spec.schema().getFields().stream().map(ColumnReader::new).toArray(ColumnReader[]::new);
        return (key, value, out) -> {
            if (value == null) {
                return;
            }
            List<List<String>> lines = parse(new String(value, StandardCharsets.UTF_8), settings);
            int[] positions = null;
            int first = 0;
            if (settings.header()) {
                if (lines.isEmpty()) {
                    return;
                }
                positions = positions(lines.get(0), columns);
                first = 1;
            }
            List<Object[]> rows = new ArrayList<>(lines.size());
            for (int l = first; l < lines.size(); l++) {
                List<String> fields = lines.get(l);
                if (positions == null && fields.size() != columns.length) {
                    throw new DecodeException("line " + (l + 1) + " has " + fields.size() + " fields; " + columns.length
                            + " were expected (one per column, in order)");
                }
                Object[] row = new Object[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    int at = positions == null ? c : positions[c];
                    String text = at < 0 || at >= fields.size() ? null : fields.get(at);
                    if (text != null
                            && text.equals(settings.nullLiteral())
                            && !(text.isEmpty() && isQuotedEmpty(text))) {
                        text = null;
                    }
                    row[c] = columns[c].fromText(text);
                }
                rows.add(row);
            }
            for (Object[] row : rows) {
                out.row(row, ChangeEvent.Op.INSERT);
            }
        };
    }

    private static boolean isQuotedEmpty(String text) {
        return text == QUOTED_EMPTY;
    }

    /** The field of an empty quoted value ({@code ""}): an empty string, not NULL. */
    private static final String QUOTED_EMPTY = new String("");

    private static int[] positions(List<String> header, ColumnReader[] columns) {
        int[] positions = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            positions[c] = -1;
            for (int h = 0; h < header.size(); h++) {
                if (header.get(h).trim().equalsIgnoreCase(columns[c].field().getName())) {
                    positions[c] = h;
                }
            }
        }
        return positions;
    }

    /** RFC 4180: quoted fields may hold delimiters, line breaks and doubled quotes. Blank lines are skipped. */
    static List<List<String>> parse(String text, Settings settings) throws DecodeException {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == settings.quote()) {
                    if (i + 1 < n && text.charAt(i + 1) == settings.quote()) {
                        field.append(c);
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == settings.quote() && field.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == settings.delimiter()) {
                fields.add(done(field, wasQuoted));
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (!fields.isEmpty() || field.length() > 0 || wasQuoted) {
                    fields.add(done(field, wasQuoted));
                    lines.add(fields);
                    fields = new ArrayList<>();
                }
                wasQuoted = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new DecodeException("a quoted field is not closed");
        }
        if (!fields.isEmpty() || field.length() > 0 || wasQuoted) {
            fields.add(done(field, wasQuoted));
            lines.add(fields);
        }
        return lines;
    }

    private static String done(StringBuilder field, boolean quoted) {
        String value = field.length() == 0 && quoted ? QUOTED_EMPTY : field.toString();
        field.setLength(0);
        return value;
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        Settings settings = Settings.of(spec);
        StringBuilder line = new StringBuilder(128);
        return (Row row, ChangeEvent.Op op) -> {
            line.setLength(0);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(settings.delimiter());
                }
                Object value = row.get(i);
                if (value == null) {
                    line.append(settings.nullLiteral());
                    continue;
                }
                String text = value instanceof byte[] bytes
                        ? Base64.getEncoder().encodeToString(bytes)
                        : value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
                boolean quote = text.isEmpty()
                        || text.indexOf(settings.delimiter()) >= 0
                        || text.indexOf(settings.quote()) >= 0
                        || text.indexOf('\n') >= 0
                        || text.indexOf('\r') >= 0
                        || text.equals(settings.nullLiteral());
                if (quote) {
                    String q = String.valueOf(settings.quote());
                    line.append(q).append(text.replace(q, q + q)).append(q);
                } else {
                    line.append(text);
                }
            }
            return line.toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
