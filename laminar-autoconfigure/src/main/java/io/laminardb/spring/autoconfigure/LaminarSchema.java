package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.LaminarException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The SQL scripts of {@code laminar.schema-locations}, read once and run in order against a database.
 *
 * @param scripts each script's description (for messages) and text, in the order the locations name them
 */
public record LaminarSchema(List<Script> scripts) {

    private static final String OPTIONAL_PREFIX = "optional:";

    /** One script: where it came from and what it says. */
    public record Script(String location, String sql) {}

    public LaminarSchema {
        scripts = List.copyOf(scripts);
    }

    /**
     * Reads the scripts at {@code locations}. A location prefixed with {@code optional:} may be missing.
     *
     * @throws LaminarSchemaException if a location without the prefix does not exist or cannot be read
     */
    public static LaminarSchema load(ResourceLoader loader, List<String> locations) {
        List<Script> scripts = new ArrayList<>();
        for (String location : locations) {
            boolean optional = location.startsWith(OPTIONAL_PREFIX);
            String path = optional ? location.substring(OPTIONAL_PREFIX.length()) : location;
            Resource resource = loader.getResource(path);
            if (!resource.exists()) {
                if (optional) {
                    continue;
                }
                throw new LaminarSchemaException(
                        location,
                        "the schema script " + location + " does not exist. Create it, fix laminar.schema-locations,"
                                + " or prefix the location with 'optional:' if it may be missing.",
                        null);
            }
            try {
                scripts.add(new Script(resource.getDescription(), resource.getContentAsString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the schema script " + location, e);
            }
        }
        return new LaminarSchema(scripts);
    }

    /**
     * Runs every script against {@code db}; a script that is blank or only comments is skipped.
     *
     * @throws LaminarSchemaException naming the script, with the engine's message (statement, line and column)
     */
    public void applyTo(LaminarDB db) {
        for (Script script : scripts) {
            if (isBlank(script.sql())) {
                continue;
            }
            try {
                db.execute(script.sql());
            } catch (LaminarException e) {
                throw new LaminarSchemaException(script.location(), e.getMessage(), e);
            }
        }
    }

    /** Whether the text holds no statement: only whitespace and {@code --} or block comments. */
    static boolean isBlank(String sql) {
        String stripped = sql.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "");
        return stripped.replace(";", "").isBlank();
    }
}
