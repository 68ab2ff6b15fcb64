/**
 * Benchmarks of the push path of a source (DESIGN 8): {@code push}, {@code pushBatch}, {@code pushArrow} and push from
 * two producers, each beside raw-queue baselines measured in the same run. {@link
 * io.laminardb.benchmarks.source.BenchmarkTable} runs them all and prints one table.
 *
 * <p><b>How the baselines are built.</b> A push hands an event to a queue that one engine thread drains
 * concurrently, so what a benchmark sees is the producer's cost per operation while a consumer on another core keeps
 * taking: partly the producer's own work, partly the cache-line traffic with the consumer, and, if the consumer cannot
 * keep up, the time spent waiting for room. Every baseline therefore has the same shape: the producer is the JMH
 * thread (or threads), and one consumer thread, started in {@code @Setup}, drains continuously in batches of up to
 * 4,096 (the engine's batch) and spins, then yields, when there is nothing to take ({@link
 * io.laminardb.benchmarks.source.QueueDrainer}). With each event it does what the engine thread does for a source with
 * a watermark clause and no subscribers: it reads the event time and keeps the highest ({@link
 * io.laminardb.benchmarks.source.EventTimeSink}). The consumer's pace matters to the producer: a consumer that is
 * always waiting on the next slot shares its cache line with the producer on every element. Producers block when the queue is full, as the default {@code BLOCK}
 * backpressure does; a figure that includes waiting for room is a real result, not an artefact to hide.
 */
package io.laminardb.benchmarks.source;
