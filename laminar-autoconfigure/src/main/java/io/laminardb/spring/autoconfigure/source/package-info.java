/**
 * {@code @LaminarSource} methods: found on beans by {@link
 * io.laminardb.spring.autoconfigure.source.LaminarSourceAnnotationBeanPostProcessor}, checked at start-up, and each run
 * by a {@link io.laminardb.spring.autoconfigure.source.SourceRunner} on a thread of its own that pushes into the source.
 *
 * <p>Why a platform thread per method, rather than a shared scheduler: a source method is user code that may block (a
 * socket read, {@code queue.take()}, a slow HTTP call), and every push waits for room when the source is full ({@code
 * BLOCK} backpressure, the default). On a thread of its own, a blocked or slow method holds up only itself: the other
 * methods, the engine threads and the sinks go on. A method produces from one thread, which keeps the source's buffer in
 * its single-producer form (the cheapest) unless something else pushes too. The threads are daemons named {@code
 * laminar-source-<source>-<method>}.
 *
 * <p>Life cycle, driven by {@link io.laminardb.spring.autoconfigure.LaminarLifecycle} through {@link
 * io.laminardb.spring.autoconfigure.source.LaminarSourceMethods}: each method's source handle is opened before the
 * pipeline starts (so a missing source or a record type that does not fit fails start-up); the threads start once it
 * runs; on stop each runner is flagged and its thread interrupted (as {@code ExecutorService.shutdownNow} does) before
 * the pipeline drains, so no new call begins and no further element of a result is taken; the database then closes its sources, which releases a push
 * waiting for room; and the threads are joined within {@code laminar.shutdown-timeout}.
 *
 * <p>A {@code Flux<T>} is subscribed to on the runner's thread with bounded demand (256 elements at first, 192 more
 * each time 192 were taken, as Reactor's prefetching operators do): while the source's push waits for room, no more
 * than 256 elements wait in between, and the publisher is held back by the demand, not by a blocked thread of its own.
 * Elements that came before the flux's error are pushed before the error is counted. Interrupting the thread, or the end
 * of the iteration, cancels the subscription. Reactor is optional: only {@code FluxElements} names it, and it is loaded
 * only for a method that returns a {@code Flux}, which cannot be declared without reactor-core.
 */
package io.laminardb.spring.autoconfigure.source;
