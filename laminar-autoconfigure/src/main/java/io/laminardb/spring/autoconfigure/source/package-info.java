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
 * the pipeline drains, so no new call or push begins; the database then closes its sources, which releases a push
 * waiting for room; and the threads are joined within {@code laminar.shutdown-timeout}.
 *
 * <p>A {@code Flux<T>} is read through Reactor's own blocking iteration with bounded demand ({@code toStream(256)}):
 * it never has more than that many elements waiting, each is pushed with the blocking push, and interrupting the
 * thread or closing the stream cancels the subscription. Reactor is optional: only {@code FluxResults} names it, and it
 * is loaded only for a method that returns a {@code Flux}.
 */
package io.laminardb.spring.autoconfigure.source;
