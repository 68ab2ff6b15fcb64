package io.laminardb.spring.autoconfigure.source;

import java.util.stream.Stream;
import reactor.core.publisher.Flux;

/**
 * Reads a {@code Flux} returned by a source method. The only class of the starter that names reactor-core, loaded only
 * for a method that returns a {@code Flux}, which cannot exist without reactor-core on the class path.
 */
final class FluxResults {

    /** Elements requested at once, and again by three quarters of it as they are taken: the demand is bounded. */
    static final int PREFETCH = 256;

    private FluxResults() {}

    /**
     * Subscribes to {@code flux}: a blocking stream of its elements, with at most {@link #PREFETCH} waiting. Closing the
     * stream, or interrupting the thread that waits for the next element, cancels the subscription.
     */
    static Stream<?> elements(Object flux) {
        return ((Flux<?>) flux).toStream(PREFETCH);
    }
}
