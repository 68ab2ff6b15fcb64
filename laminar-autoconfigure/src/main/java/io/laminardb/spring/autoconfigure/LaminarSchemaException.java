package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarException;

/** A schema script of {@code laminar.schema-locations} that is missing or does not run; start-up stops on it. */
public class LaminarSchemaException extends LaminarException {

    private final String location;

    public LaminarSchemaException(String location, String message, Throwable cause) {
        super("Error in the LaminarDB schema " + location + ": " + message, cause);
        this.location = location;
    }

    /** The script, as its resource describes itself (for example {@code class path resource [schema.sql]}). */
    public String location() {
        return location;
    }
}
