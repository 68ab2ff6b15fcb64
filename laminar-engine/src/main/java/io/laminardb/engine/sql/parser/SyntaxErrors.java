package io.laminardb.engine.sql.parser;

import io.laminardb.engine.SqlSyntaxException;
import io.laminardb.engine.sql.parser.impl.LaminarSqlParserImpl;
import io.laminardb.engine.sql.parser.impl.LaminarSqlParserImplConstants;
import io.laminardb.engine.sql.parser.impl.ParseException;
import io.laminardb.engine.sql.parser.impl.Token;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's parse exceptions into {@link SqlSyntaxException}s a person can act on: the line and column, the
 * token found, a short list of what would have been accepted, and the offending line with a caret under the column.
 */
final class SyntaxErrors {

    /** How many expected items the message names before it says "...". */
    static final int MAX_EXPECTED = 5;

    /**
     * Items shown first, in this order, when the parser would accept them: the words that pick a statement or clause.
     * Whatever else it would accept follows in the parser's order.
     */
    private static final List<String> PREFERRED = List.of(
            "SOURCE",
            "STREAM",
            "SINK",
            "TABLE",
            "MATERIALIZED VIEW",
            "SOURCES",
            "SINKS",
            "STREAMS",
            "TABLES",
            "MATERIALIZED VIEWS",
            "QUERIES",
            "WATERMARKS",
            "SELECT",
            "INSERT",
            "DELETE",
            "CREATE",
            "DROP",
            "SHOW",
            "DESCRIBE",
            "EXPLAIN",
            "AS",
            "FROM",
            "INTO",
            "WITH",
            "EMIT",
            "WATERMARK",
            "PRIMARY KEY",
            "OR REPLACE",
            "IF NOT EXISTS",
            "IF EXISTS",
            "\")\"",
            "\",\"",
            "\"=\"",
            "\"(\"",
            "identifier",
            "string",
            "number",
            "data type");

    /** Words the parser expects one at a time, shown as the phrase the user would type. */
    private static final Map<String, String> PHRASES = Map.of(
            "MATERIALIZED", "MATERIALIZED VIEW",
            "PRIMARY", "PRIMARY KEY",
            "OR", "OR REPLACE");

    private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private static final SqlAbstractParserImpl.Metadata METADATA =
            new LaminarSqlParserImpl(new StringReader("")).getMetadata();

    private SyntaxErrors() {}

    static SqlSyntaxException toException(String script, SqlParseException e) {
        int line = 0;
        int column = 0;
        SqlParserPos pos = e.getPos();
        if (pos != null && pos.getLineNum() > 0) {
            line = pos.getLineNum();
            column = pos.getColumnNum();
        } else {
            Matcher m = LEXICAL_POSITION.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2));
            }
        }
        List<String> expected = expected(e);
        String found = found(e);
        if (found == null && pos != null) {
            found = textAt(script, pos);
        }
        StringBuilder message = new StringBuilder(position(line, column)).append(": ");
        if (found != null && !expected.isEmpty()) {
            message.append("found ").append(found).append(", expected ");
            message.append(String.join(", ", expected.subList(0, Math.min(MAX_EXPECTED, expected.size()))));
            if (expected.size() > MAX_EXPECTED) {
                message.append(", ...");
            }
        } else {
            message.append(firstLine(e.getMessage()));
        }
        message.append(excerpt(script, line, column));
        return new SqlSyntaxException(message.toString(), line, column, expected, e);
    }

    static SqlSyntaxException notOneStatement(String script, String problem, SqlParserPos pos) {
        int line = pos.getLineNum();
        int column = pos.getColumnNum();
        String message = position(line, column) + ": " + problem + excerpt(script, line, column);
        return new SqlSyntaxException(message, line, column, List.of(), null);
    }

    /** The script's text at a token position, quoted, for errors Calcite rewrote and stripped of the token. */
    private static String textAt(String script, SqlParserPos pos) {
        if (pos.getLineNum() < 1 || pos.getLineNum() != pos.getEndLineNum()) {
            return null;
        }
        String[] lines = script.split("\r\n|\r|\n", -1);
        if (pos.getLineNum() > lines.length) {
            return null;
        }
        String line = lines[pos.getLineNum() - 1];
        int begin = pos.getColumnNum() - 1;
        int end = Math.min(pos.getEndColumnNum(), line.length());
        return begin >= 0 && begin < end ? '"' + line.substring(begin, end) + '"' : null;
    }

    private static String position(int line, int column) {
        return line > 0 ? "Syntax error at line " + line + ", column " + column : "Syntax error";
    }

    /** The token where parsing stopped, quoted, or "end of input"; null when the parser did not say. */
    private static String found(SqlParseException e) {
        if (e.getCause() instanceof ParseException pe && pe.currentToken != null) {
            Token next = pe.currentToken.next;
            if (next == null) {
                return null;
            }
            return next.kind == LaminarSqlParserImplConstants.EOF ? "end of input" : '"' + next.image + '"';
        }
        return null;
    }

    /** What the parser would have accepted, as short display names, preferred ones first. */
    static List<String> expected(SqlParseException e) {
        int[][] sequences = e.getExpectedTokenSequences();
        String[] images = e.getTokenImages();
        if (sequences == null || images == null) {
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        for (int[] sequence : sequences) {
            if (sequence.length > 0) {
                items.add(display(sequence, images));
            }
        }
        items.remove(null);
        if (items.contains("SOURCES") && items.remove("MATERIALIZED VIEW")) {
            items.add("MATERIALIZED VIEWS"); // after SHOW
        }
        if (items.contains("identifier")) {
            // Every non-reserved word is an identifier too; listing them is what makes Calcite's lists long.
            items.removeIf(item -> isKeyword(item) && METADATA.isNonReservedKeyword(item));
        }
        List<String> ordered = new ArrayList<>();
        for (String preferred : PREFERRED) {
            if (items.remove(preferred)) {
                ordered.add(preferred);
            }
        }
        ordered.addAll(items);
        return ordered;
    }

    private static String display(int[] sequence, String[] images) {
        String first = display(images[sequence[0]]);
        return first == null ? null : PHRASES.getOrDefault(first, first);
    }

    private static String display(String image) {
        if (image.startsWith("\"") && image.endsWith("\"") && image.length() > 2) {
            String text = image.substring(1, image.length() - 1);
            return isKeyword(text) ? text : image;
        }
        return switch (image) {
            case "<IDENTIFIER>",
                    "<QUOTED_IDENTIFIER>",
                    "<BACK_QUOTED_IDENTIFIER>",
                    "<BIG_QUERY_BACK_QUOTED_IDENTIFIER>",
                    "<BRACKET_QUOTED_IDENTIFIER>",
                    "<HYPHENATED_IDENTIFIER>",
                    "<UNICODE_QUOTED_IDENTIFIER>" -> "identifier";
            case "<QUOTED_STRING>",
                    "<PREFIXED_STRING_LITERAL>",
                    "<UNICODE_STRING_LITERAL>",
                    "<C_STYLE_ESCAPED_STRING_LITERAL>",
                    "<BIG_QUERY_DOUBLE_QUOTED_STRING>",
                    "<BIG_QUERY_QUOTED_STRING>" -> "string";
            case "<BINARY_STRING_LITERAL>" -> "binary string";
            case "<UNSIGNED_INTEGER_LITERAL>", "<APPROX_NUMERIC_LITERAL>", "<DECIMAL_NUMERIC_LITERAL>" -> "number";
            case "<EOF>" -> "end of input";
            default -> image.startsWith("<") ? null : image;
        };
    }

    private static boolean isKeyword(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> Character.isUpperCase(c) || c == '_' || c == ' ');
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "statement does not parse";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }

    /** The offending line, indented by two, and a caret under the column; empty when the line is unknown. */
    static String excerpt(String script, int line, int column) {
        if (line < 1) {
            return "";
        }
        String[] lines = script.split("\r\n|\r|\n", -1);
        if (line > lines.length) {
            return "";
        }
        String text = lines[line - 1];
        StringBuilder caret = new StringBuilder("  ");
        for (int i = 0; i < column - 1 && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "\n  " + text + "\n" + caret + "^";
    }
}
