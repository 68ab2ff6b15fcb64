package io.laminardb.engine;

import java.util.List;

/**
 * A statement that does not parse. The message names the line and column (1-based) where parsing stopped, what was
 * found there and what was expected, and quotes the offending line with a caret under the position.
 */
public class SqlSyntaxException extends LaminarException {

    private final int line;
    private final int column;
    private final List<String> expected;

    public SqlSyntaxException(String message, int line, int column, List<String> expected, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.expected = List.copyOf(expected);
    }

    /** Line of the error, counting from 1; 0 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the error, counting from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The tokens or constructs the parser would have accepted at the position, possibly empty. */
    public List<String> expected() {
        return expected;
    }
}
