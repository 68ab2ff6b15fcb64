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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code format = 'csv'}: RFC 4180 text, one row per line (a message may hold several lines); columns by position, or
 * by name when {@code csv.header} says each message starts with a header line. Values as in {@code json}, from text;
 * {@code TIMESTAMP} as ISO-8601 or epoch milliseconds. Written: one line per row, ended by {@code \n} (after the header
 * line when there is one), so that messages put one after another are a CSV file. CSV has no way to mark a retraction: a sink writes every row as
 * it is, whatever its operation. Nested rows and arrays are refused. See {@code docs/connectors/formats.md}.
 */
public final class CsvFormat implements FormatFactory {

    static final String DELIMITER = "csv.delimiter";
    static final String QUOTE = "csv.quote";
    static final String HEADER = "csv.header";
    static final String NULL_LITERAL = "csv.null_literal";
    static final String IGNORE_PARSE_ERRORS = "csv.ignore_parse_errors";

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(
                ConnectorOption.string(DELIMITER, "The field separator, one character; \\t for a tab")
                        .withDefault(","),
                ConnectorOption.string(QUOTE, "The character that quotes a field")
                        .withDefault("\""),
                ConnectorOption.bool(HEADER, "Whether each message starts with a header line naming the columns")
                        .withDefault("false"),
                ConnectorOption.string(NULL_LITERAL, "The unquoted text that stands for NULL")
                        .withDefault(""),
                ConnectorOption.bool(
                                IGNORE_PARSE_ERRORS,
                                "Whether a message that does not fit the columns is skipped (no row) instead of"
                                        + " failing the source or going to the dead letters")
                        .withDefault("false"));
    }

    /** The checked options. */
    record Settings(char delimiter, char quote, boolean header, String nullLiteral, boolean ignoreErrors) {

        static Settings of(FormatSpec spec) {
            String delimiter = spec.options().get(DELIMITER).orElse(",");
            if (delimiter.equals("\\t")) {
                delimiter = "\t";
            }
            String quote = spec.options().get(QUOTE).orElse("\"");
            List<String> problems = new ArrayList<>();
            if (delimiter.length() != 1) {
                problems.add("'" + DELIMITER + "' must be one character (\\t for a tab), not '" + delimiter + "'");
            }
            if (quote.length() != 1) {
                problems.add("'" + QUOTE + "' must be one character, not '" + quote + "'");
            }
            if (problems.isEmpty() && delimiter.equals(quote)) {
                problems.add("'" + DELIMITER + "' and '" + QUOTE + "' must differ");
            }
            if (problems.isEmpty() && ("\r\n".contains(delimiter) || "\r\n".contains(quote))) {
                problems.add("'" + DELIMITER + "' and '" + QUOTE + "' cannot be line breaks");
            }
            if (!problems.isEmpty()) {
                throw new ConnectorException(
                        "'" + spec.object() + "', format 'csv': " + String.join("; ", problems) + ".", problems, null);
            }
            return new Settings(
                    delimiter.charAt(0),
                    quote.charAt(0),
                    spec.options().getBoolean(HEADER).orElse(false),
                    spec.options().get(NULL_LITERAL).orElse(""),
                    spec.options().getBoolean(IGNORE_PARSE_ERRORS).orElse(false));
        }
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        Settings settings = Settings.of(spec);
        Columns columns = Columns.of(spec.schema().getFields(), spec.object(), name());
        Column.requireFlat(columns, spec.object(), name());
        return new CsvDecoder(columns, settings);
    }

    /** Decodes the lines of one message; made per reading thread, not thread-safe. */
    private static final class CsvDecoder implements RowDecoder {

        private final Columns columns;
        private final Settings settings;
        private final CsvRecords records;
        private final List<Object[]> rows = new ArrayList<>(1);

        CsvDecoder(Columns columns, Settings settings) {
            this.columns = columns;
            this.settings = settings;
            this.records = new CsvRecords(settings.delimiter(), settings.quote(), settings.nullLiteral());
        }

        @Override
        public void decode(byte[] key, byte[] value, Rows out) throws DecodeException {
            if (value == null) {
                return;
            }
            rows.clear();
            try {
                read(records.parse(new String(value, StandardCharsets.UTF_8)));
            } catch (DecodeException e) {
                if (settings.ignoreErrors()) {
                    return;
                }
                throw e;
            }
            for (int i = 0; i < rows.size(); i++) {
                out.row(rows.get(i), ChangeEvent.Op.INSERT);
            }
            rows.clear();
        }

        private void read(List<CsvRecords.Line> lines) throws DecodeException {
            int[] positions = null; // column -> field, from the header
            int width = columns.size();
            for (CsvRecords.Line line : lines) {
                if (line.blank() && (columns.size() != 1 || (settings.header() && positions == null))) {
                    continue; // an empty line: nothing, unless it is the one field of a one-column row
                }
                if (settings.header() && positions == null) {
                    positions = positions(line.fields());
                    width = line.fields().length;
                    continue;
                }
                String[] fields = line.fields();
                if (fields.length != width) {
                    throw new DecodeException("line " + line.number() + " has " + fields.length + " field"
                            + (fields.length == 1 ? "" : "s") + "; " + width + " were expected "
                            + (positions == null ? "(one per column, in order)" : "(as in the header)"));
                }
                Object[] row = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    int at = positions == null ? c : positions[c];
                    row[c] = value(columns.get(c), at < 0 ? null : fields[at]);
                }
                rows.add(row);
            }
        }

        private static Object value(Column column, String text) throws DecodeException {
            if (text == null
                    || (text.isEmpty() && column.kind != Column.Kind.VARCHAR && column.kind != Column.Kind.VARBINARY)) {
                return column.nullValue();
            }
            return column.fromText(text, false);
        }

        /** For each column, the index of the header field with its name (ignoring case), or -1. */
        private int[] positions(String[] header) {
            int[] positions = new int[columns.size()];
            java.util.Arrays.fill(positions, -1);
            for (int h = header.length - 1; h >= 0; h--) { // the first of two equal names wins
                int c = header[h] == null ? -1 : columns.indexOf(header[h].trim());
                if (c >= 0) {
                    positions[c] = h;
                }
            }
            return positions;
        }
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        Settings settings = Settings.of(spec);
        Columns columns = Columns.of(spec.schema().getFields(), spec.object(), name());
        Column.requireFlat(columns, spec.object(), name());
        StringBuilder line = new StringBuilder(128);
        String header;
        if (settings.header()) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(settings.delimiter());
                }
                field(line, columns.get(i).field.getName(), settings);
            }
            header = line.append('\n').toString();
        } else {
            header = "";
        }
        return (Row row, ChangeEvent.Op op) -> {
            line.setLength(0);
            line.append(header);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(settings.delimiter());
                }
                Object value = row.get(i);
                if (value == null) {
                    line.append(settings.nullLiteral());
                } else {
                    field(line, text(value), settings);
                }
            }
            return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        } else if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        } else if (value instanceof BigDecimal d) {
            return d.toPlainString();
        } else if (value instanceof Instant instant) {
            return TimeValues.format(instant);
        }
        return value.toString(); // numbers, booleans; LocalDate, LocalTime in ISO-8601
    }

    /**
     * Appends a field, quoted when it must be: when empty (an empty string, not NULL), equal to the null literal, or
     * holding the delimiter, the quote or a line break.
     */
    private static void field(StringBuilder line, String text, Settings settings) {
        boolean quote = text.isEmpty() || text.equals(settings.nullLiteral());
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == settings.delimiter() || c == settings.quote() || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(text);
            return;
        }
        line.append(settings.quote());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == settings.quote()) {
                line.append(c);
            }
            line.append(c);
        }
        line.append(settings.quote());
    }
}
