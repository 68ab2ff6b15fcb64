/**
 * The Nexmark benchmark's event generator and an ingest harness: persons, auctions and bids ({@link
 * io.laminardb.benchmarks.nexmark.Person}, {@link io.laminardb.benchmarks.nexmark.Auction}, {@link
 * io.laminardb.benchmarks.nexmark.Bid}) with the public Nexmark schema, made by {@link
 * io.laminardb.benchmarks.nexmark.NexmarkGenerator} after the model of Apache Beam's generator, and {@link
 * io.laminardb.benchmarks.nexmark.NexmarkIngest}, which pushes them into three sources and reports events per second
 * beside the generator's own rate.
 *
 * <p>The queries q0 to q8 run on this stream once the engine runs continuous queries; until then the harness measures
 * ingest only.
 */
package io.laminardb.benchmarks.nexmark;
