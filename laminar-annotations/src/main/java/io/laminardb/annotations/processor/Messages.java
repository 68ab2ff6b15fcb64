package io.laminardb.annotations.processor;

/**
 * Every error the record processor reports, in one place. Each says what is wrong and how to fix it; the arguments are
 * filled in with {@link String#format}.
 */
enum Messages {
    WRONG_KIND("@Record applies to a Java record or a concrete class, not to %s %s. Move @Record to a record or a"
            + " non-abstract class."),
    NOT_PUBLIC("@Record type %s must be public, and so must every type it is nested in (%s is not), because the"
            + " generated %s and the engine must reach it. Make %s public."),
    NOT_STATIC("@Record class %s is an inner class; declare it static (or make it a top-level class or a Java record)"
            + " so that rows can be created without an enclosing instance."),
    GENERIC("@Record type %s declares type parameters; a record type needs concrete column types. Remove the type"
            + " parameters."),
    NO_COLUMNS("@Record type %s has no columns: declare at least one record component or non-static, non-transient"
            + " field."),
    UNSUPPORTED_TYPE("Field '%s' has type %s, which a @Record column cannot hold.%s Supported: boolean, byte, short,"
            + " int, long, float, double and their boxes, String, byte[], BigDecimal, Instant, LocalDateTime,"
            + " OffsetDateTime, LocalDate, LocalTime, enums, List<X> of a supported X, and types annotated @Record."),
    RECURSIVE("Field '%s' makes %s contain itself (%s); a column cannot hold a recursive structure. Break the cycle,"
            + " for example by storing the nested value's key instead."),
    MULTIPLE_EVENT_TIME("@EventTime is on both '%s' and '%s'; a record has at most one event-time field. Remove"
            + " @EventTime from all but one."),
    EVENT_TIME_TYPE("@EventTime field '%s' has type %s; an event time must be a long (epoch milliseconds), Long,"
            + " Instant, LocalDateTime or OffsetDateTime. Change the field's type or put @EventTime on another field."),
    DUPLICATE_COLUMN("Column name '%s' of field '%s' is already used by field '%s' (column names must differ ignoring"
            + " case). Rename one with @Column(\"...\")."),
    BLANK_COLUMN_NAME("@Column on field '%s' gives a blank name. Give a name, or remove the value to keep the field's"
            + " name."),
    INVALID_DECIMAL("Field '%s' is DECIMAL(%d, %d): precision must be 1 to 38 and scale 0 to precision. Fix"
            + " @Column(precision = ..., scale = ...)."),
    INVALID_TIME_PRECISION("Field '%s' has @Column(precision = %d); a %s column takes precision 3 (milliseconds) or"
            + " 6 (microseconds)."),
    PRECISION_NOT_APPLICABLE("Field '%s' of type %s sets @Column(%s); precision and scale apply only to BigDecimal,"
            + " timestamp and LocalTime columns. Remove it."),
    NO_ACCESSOR("Field '%s' of class %s cannot be read: add a public getter %s() or make the field public."),
    NO_CONSTRUCTOR("Class %s has no usable constructor. Add a public constructor that takes every column field in"
            + " declaration order (%s), or a public no-arg constructor together with public setters (or public"
            + " non-final fields) for every column field (missing for: %s)."),
    ENGINE_MISSING(
            "laminar-engine is not on the compile class path, so the RecordType generated for %s cannot"
                    + " compile. Add the dependency io.laminardb:laminar-engine (or io.laminardb:laminar-spring-boot-starter).");

    private final String format;

    Messages(String format) {
        this.format = format;
    }

    String format(Object... args) {
        return String.format(format, args);
    }
}
