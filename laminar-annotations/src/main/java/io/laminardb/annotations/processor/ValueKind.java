package io.laminardb.annotations.processor;

/** The kinds of Java value a column can hold; each maps to one Arrow type and vector class. */
enum ValueKind {
    BOOLEAN,
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    STRING,
    BINARY,
    DECIMAL,
    INSTANT,
    LOCAL_DATE_TIME,
    OFFSET_DATE_TIME,
    LOCAL_DATE,
    LOCAL_TIME,
    ENUM,
    STRUCT,
    LIST;

    /** Whether {@code @Column(precision)} selects this kind's time unit. */
    boolean isTime() {
        return this == INSTANT || this == LOCAL_DATE_TIME || this == OFFSET_DATE_TIME || this == LOCAL_TIME;
    }

    /** Whether {@code @EventTime} may sit on a field of this kind. */
    boolean canBeEventTime() {
        return this == LONG || this == INSTANT || this == LOCAL_DATE_TIME || this == OFFSET_DATE_TIME;
    }
}
