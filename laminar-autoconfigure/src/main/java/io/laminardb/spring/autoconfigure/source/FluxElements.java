package io.laminardb.spring.autoconfigure.source;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Reads a {@code Flux} returned by a source method as a blocking iteration with bounded demand: {@link #PREFETCH}
 * elements are requested at first, and {@link #REPLENISH} more each time that many were taken, so no more than {@link
 * #PREFETCH} ever wait here while the source's push is blocked. Elements that arrived before an error or the completion
 * are all handed out before it.
 *
 * <p>The only class of the starter that names reactor-core. {@link SourceRunner} reaches it through {@link
 * #stream(Object)}, whose signature names no reactor type, so it is loaded only for a method that returns a {@code
 * Flux}, which cannot exist without reactor-core on the class path.
 *
 * <p>Threads: the publisher calls the {@code hookOn*} methods on its threads; one consumer thread (the runner's) calls
 * {@link #hasNext()}, {@link #next()} and closes the stream, and so makes every {@code request} and the {@code cancel}.
 */
final class FluxElements extends BaseSubscriber<Object> implements Iterator<Object> {

    /** Elements requested at first: the most that can wait in {@link #signals}. */
    static final int PREFETCH = 256;

    /** Elements requested again each time this many were taken, as Reactor's own prefetching operators do. */
    static final int REPLENISH = PREFETCH - PREFETCH / 4;

    private static final Object COMPLETE = new Object();

    /** The error a flux ended with, queued behind the elements that came before it. */
    private record Failure(Throwable error) {}

    /** Elements, then {@link #COMPLETE} or a {@link Failure}. Bounded by the demand, not by its capacity. */
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

    /** The signal taken by {@link #hasNext()} and not yet handed out; consumer thread only. */
    private Object head;

    /** Elements taken since the last request; consumer thread only. */
    private int taken;

    private FluxElements() {}

    /**
     * Subscribes to {@code flux} and returns its elements as a sequential stream. Closing the stream, or interrupting
     * the consumer while it waits for the next element, cancels the subscription; an interrupted wait ends the stream
     * with a {@link CancellationException}, and the flux's own error ends it with that error.
     */
    static Stream<?> stream(Object flux) {
        FluxElements elements = new FluxElements();
        ((Flux<?>) flux).subscribe(elements);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(elements, Spliterator.ORDERED), false)
                .onClose(elements::dispose);
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(PREFETCH);
    }

    @Override
    protected void hookOnNext(Object value) {
        signals.add(value);
    }

    @Override
    protected void hookOnComplete() {
        signals.add(COMPLETE);
    }

    @Override
    protected void hookOnError(Throwable error) {
        signals.add(new Failure(error));
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = signals.take();
            } catch (InterruptedException e) {
                dispose();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the next element of the Flux");
            }
        }
        if (head instanceof Failure failure) {
            throw failure.error() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("The Flux failed: " + failure.error(), failure.error());
        }
        return head != COMPLETE;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object element = head;
        head = null;
        if (++taken == REPLENISH) {
            taken = 0;
            request(REPLENISH);
        }
        return element;
    }
}
