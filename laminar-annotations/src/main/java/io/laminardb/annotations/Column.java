package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Customises the column that a field of a {@link Record} becomes.
 *
 * <pre>{@code
 * @Record
 * public record Order(
 *     @Column("order_id") long id,
 *     @Column(precision = 12, scale = 2) BigDecimal amount,
 *     @Column(nullable = false) String customer,
 *     @Column(precision = 6) Instant placedAt) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Column {

    /** Column name; empty keeps the field's name. */
    String value() default "";

    /**
     * Whether the column accepts {@code null}. Only a reference-typed field can be nullable: primitives are always
     * {@code NOT NULL}, whatever this says.
     */
    boolean nullable() default true;

    /**
     * Precision. For {@link java.math.BigDecimal}: total digits, 1 to 38 (default 38). For timestamps and {@link
     * java.time.LocalTime}: fractional-second digits, 3 (milliseconds, the default) or 6 (microseconds). Ignored
     * (unset) elsewhere.
     */
    int precision() default -1;

    /** Digits after the decimal point of a {@link java.math.BigDecimal}, 0 to {@code precision} (default 18). */
    int scale() default -1;
}
