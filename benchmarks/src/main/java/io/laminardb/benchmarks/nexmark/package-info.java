/**
 * The Nexmark benchmark's event generator and an ingest harness: persons, auctions and bids ({@link
 * io.laminardb.benchmarks.nexmark.Person}, {@link io.laminardb.benchmarks.nexmark.Auction}, {@link
 * io.laminardb.benchmarks.nexmark.Bid}) with the public Nexmark schema, made by {@link
 * io.laminardb.benchmarks.nexmark.NexmarkGenerator} after the model of Apache Beam's generator, and {@link
 * io.laminardb.benchmarks.nexmark.NexmarkIngest}, which pushes them into three sources and reports events per second
 * beside the generator's own rate.
 *
 * <p>{@link io.laminardb.benchmarks.nexmark.NexmarkQueries} runs the join-free queries ({@link
 * io.laminardb.benchmarks.nexmark.NexmarkQuery}: q0, q1, q2, and q5 and q7 without their final join) and reports bids
 * per second, result rows and p50/p99 latency beside the generator's and the ingest's rates measured in the same run;
 * how latency is measured is in {@code ArrivalLatencyProbe} and {@code
 * WindowCloseLatencyProbe}.
 */
package io.laminardb.benchmarks.nexmark;
