package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that produces events into a source.
 *
 * <p>The method either returns a {@link Record} type {@code T} (called on a poll interval), an {@code Iterable<T>}, a
 * {@code Stream<T>} or a {@code Flux<T>}, or takes a {@code Source<T>} parameter and pushes into it itself. The
 * LaminarDB Spring Boot starter discovers these methods at start-up.
 *
 * <pre>{@code
 * @LaminarSource("trades")
 * Trade nextTrade() { return feed.next(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LaminarSource {

    /** Name of the source to produce into. */
    String value();
}
