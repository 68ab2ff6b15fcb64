package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record or class as a row type that LaminarDB can push into a source and read out of a subscription.
 *
 * <p>At compile time the LaminarDB annotation processor generates, next to the annotated type, an implementation of
 * {@code io.laminardb.engine.record.RecordType} that converts instances to and from Apache Arrow columns without
 * reflection. The engine finds it through {@code RecordTypes.of(MyRecord.class)}.
 *
 * <pre>{@code
 * @Record
 * public record Trade(String symbol, double price, long qty, @EventTime Instant ts) {}
 * }</pre>
 *
 * <p>Columns follow declaration order: record components for a Java record; non-static, non-transient fields for a
 * class. A class needs either a public constructor taking every field in declaration order, or a public no-arg
 * constructor with setters (or public non-final fields); each field is read through a getter ({@code getX}, {@code
 * isX}, or the record-style {@code x()}) or a public field. The type and each enclosing type must be public.
 *
 * <p>Nullability: primitive fields are {@code NOT NULL}; reference fields are nullable unless annotated with a
 * {@code @NonNull} annotation (JSpecify or Jakarta) or {@link Column#nullable() @Column(nullable = false)}.
 *
 * @see EventTime
 * @see Column
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Record {}
