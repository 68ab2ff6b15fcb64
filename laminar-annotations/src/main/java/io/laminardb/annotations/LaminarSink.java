package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that receives the rows of a stream, materialized view or source.
 *
 * <p>The method takes one parameter: a {@link Record} type {@code T}, a {@code List<T>} batch, a {@code
 * ChangeEvent<T>}, an untyped {@code Row}, or an Arrow {@code VectorSchemaRoot}. The LaminarDB Spring Boot starter
 * discovers these methods at start-up and calls each on a thread of its own, so a slow method backpressures its stream
 * and never blocks the engine.
 *
 * <pre>{@code
 * @LaminarSink("vwap")
 * void onVwap(Vwap bar) { log.info("{}", bar); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LaminarSink {

    /** Name of the stream, materialized view or source to receive from. */
    String value();
}
