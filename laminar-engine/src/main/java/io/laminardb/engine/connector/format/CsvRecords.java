package io.laminardb.engine.connector.format;

import io.laminardb.engine.connector.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records and fields as RFC 4180 says: records end at a line break ({@code \n}, {@code \r\n} or
 * {@code \r}) outside quotes, the last one's break is optional; a quoted field may hold delimiters, line breaks and
 * doubled quotes. Leniently, a quote inside an unquoted field is an ordinary character, and characters after a closing
 * quote are kept. An unquoted field equal to the null literal is {@code null}; a quoted one never is. Not thread-safe:
 * one per decoder, its buffers reused.
 */
final class CsvRecords {

    /** One record: its fields, and the line of the message it starts on (from 1), for messages. */
    record Line(String[] fields, int number, boolean blank) {}

    private final char delimiter;
    private final char quote;
    private final String nullLiteral;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder(64);

    CsvRecords(char delimiter, char quote, String nullLiteral) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullLiteral = nullLiteral;
    }

    /**
     * The records of {@code text}. An empty text, or an empty line, is one blank record (a single unquoted empty
     * field), which a reader of several columns skips. The list is reused by the next call.
     *
     * @throws DecodeException when a quoted field is not closed
     */
    List<Line> parse(String text) throws DecodeException {
        lines.clear();
        fields.clear();
        field.setLength(0);
        int n = text.length();
        int line = 1;
        int start = 1;
        boolean quoted = false; // inside quotes now
        boolean wasQuoted = false; // the current field had quotes
        int i = 0;
        while (i < n) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == quote) {
                    if (i < n && text.charAt(i) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && (i >= n || text.charAt(i) != '\n'))) {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == delimiter) {
                endField(wasQuoted);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                endRecord(wasQuoted, start);
                wasQuoted = false;
                start = ++line;
            } else if (c == quote && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DecodeException("line " + start + ": a quoted field is not closed");
        }
        if (n == 0 || field.length() > 0 || wasQuoted || !fields.isEmpty()) {
            endRecord(wasQuoted, start);
        }
        return lines;
    }

    private void endField(boolean wasQuoted) {
        String text = field.toString();
        field.setLength(0);
        fields.add(!wasQuoted && text.equals(nullLiteral) ? null : text);
    }

    private void endRecord(boolean wasQuoted, int number) {
        boolean blank = fields.isEmpty() && field.length() == 0 && !wasQuoted;
        endField(wasQuoted);
        lines.add(new Line(fields.toArray(new String[0]), number, blank));
        fields.clear();
    }
}
