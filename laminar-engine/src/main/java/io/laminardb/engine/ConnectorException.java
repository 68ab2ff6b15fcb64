package io.laminardb.engine;

import java.util.List;

/**
 * A connector cannot be used as declared: no connector of that name is on the class path (the message names the
 * Maven artifact to add), options are missing, unknown or malformed (each one is named, with what is expected), or the
 * external system refused what the connector asked of it.
 */
public class ConnectorException extends SqlValidationException {

    private final List<String> problems;

    public ConnectorException(String message) {
        this(message, List.of(message), null);
    }

    public ConnectorException(String message, Throwable cause) {
        this(message, List.of(message), cause);
    }

    /**
     * @param message the whole message
     * @param problems one line per problem found, so that a caller can show or test them one by one
     */
    public ConnectorException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** Each problem found, one per entry (all of them, not only the first). */
    public List<String> problems() {
        return problems;
    }

    /** The same problems, with {@code context} (say, which statement of a script) in front of the message. */
    public ConnectorException withContext(String context) {
        return new ConnectorException(context + getMessage(), problems, this);
    }
}
