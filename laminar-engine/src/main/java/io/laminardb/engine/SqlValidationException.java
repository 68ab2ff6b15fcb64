package io.laminardb.engine;

/**
 * A statement that parses but cannot be carried out: an unknown type or option, a duplicate column, a watermark on a
 * column that is not a timestamp. The message names the offending part and, where the statement text is known, its
 * line and column.
 */
public class SqlValidationException extends LaminarException {

    public SqlValidationException(String message) {
        super(message);
    }

    public SqlValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
