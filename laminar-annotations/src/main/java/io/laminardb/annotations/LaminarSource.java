package io.laminardb.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that produces events into a source.
 *
 * <p>The method either returns a {@link Record} type {@code T} (called on a poll interval; {@code null} means nothing
 * now), an {@code Iterable<T>}, a {@code Stream<T>} or a {@code Flux<T>} (called once, or again on the poll interval if
 * one is set), or takes a {@code Source<T>} parameter and pushes into it itself (called once). The LaminarDB Spring
 * Boot starter discovers these methods at start-up and calls each on a thread of its own once the pipeline runs.
 *
 * <pre>{@code
 * @LaminarSource(value = "trades", pollInterval = "100ms")
 * Trade nextTrade() { return feed.poll(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LaminarSource {

    /** Name of the source to produce into. */
    String value();

    /**
     * Pause between the end of one call and the start of the next, as a duration such as {@code "500ms"}, {@code "2s"}
     * or {@code "PT1M"} (a bare number is milliseconds); {@code ${...}} placeholders are resolved from the environment.
     * Empty (the default): every second for a method returning {@code T}; once for a method returning {@code
     * Iterable<T>}, {@code Stream<T>} or {@code Flux<T>}, which with an interval is called again that long after the
     * previous result ended. A method taking {@code Source<T>} is always called once and takes no interval.
     */
    String pollInterval() default "";
}
