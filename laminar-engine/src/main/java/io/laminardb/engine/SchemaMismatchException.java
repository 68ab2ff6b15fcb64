package io.laminardb.engine;

import java.util.List;

/**
 * A record type, Arrow batch or row that does not fit a source or stream's schema. The message names every column
 * that differs, with both types.
 */
public class SchemaMismatchException extends LaminarException {

    private final List<String> differences;

    public SchemaMismatchException(String what, List<String> differences) {
        super(what + " does not match:\n  " + String.join("\n  ", differences));
        this.differences = List.copyOf(differences);
    }

    /** One line per differing column, as in the message. */
    public List<String> differences() {
        return differences;
    }
}
