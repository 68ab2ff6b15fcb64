package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field that carries a {@link Record}'s event time: the time the event happened, which drives windows and
 * watermarks.
 *
 * <p>The field must be a {@code long} or {@code Long} (milliseconds since the epoch), an {@link java.time.Instant}, a
 * {@link java.time.LocalDateTime} (read as UTC) or an {@link java.time.OffsetDateTime}. A record has at most one
 * event-time field. The column keeps its ordinary type; the Arrow schema names it in its metadata under {@code
 * laminar.event-time}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface EventTime {}
