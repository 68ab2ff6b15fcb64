package io.laminardb.engine;

import java.util.Collection;

/** A source (or other catalog object) named by the caller does not exist. */
public class SourceNotFoundException extends LaminarException {

    public SourceNotFoundException(String kind, String name, Collection<String> existing) {
        super("No " + kind + " named '" + name + "'. "
                + (existing.isEmpty()
                        ? "None exists yet: create it first with CREATE " + kind.toUpperCase(java.util.Locale.ROOT)
                                + "."
                        : "Existing: " + String.join(", ", existing) + "."));
    }
}
