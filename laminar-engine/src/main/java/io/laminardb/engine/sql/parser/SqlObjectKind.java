package io.laminardb.engine.sql.parser;

import java.util.Locale;

/** The kinds of catalog object a DDL statement names: what {@code DROP} drops and {@code CREATE} creates. */
public enum SqlObjectKind {
    SOURCE,
    SINK,
    STREAM,
    MATERIALIZED_VIEW,
    TABLE;

    /** The words that name this kind in SQL, such as {@code MATERIALIZED VIEW}. */
    public String keyword() {
        return name().replace('_', ' ');
    }

    /** The kind in lower-case words for messages, such as {@code materialized view}. */
    public String displayName() {
        return keyword().toLowerCase(Locale.ROOT);
    }
}
