/**
 * Actuator support for LaminarDB: the {@code laminar} health indicator ({@link
 * io.laminardb.spring.autoconfigure.actuate.LaminarHealthIndicator}), the read-only {@code laminar} endpoint ({@link
 * io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint}) and the Micrometer meters ({@link
 * io.laminardb.spring.autoconfigure.actuate.LaminarMetrics}), each registered by an auto-configuration of its own that
 * backs off when its library is missing or the application defines the bean.
 *
 * <p>Why the health check reads the database on a thread of its own: the engine's catalog and counters sit behind
 * one lock, which DDL holds while it plans a statement and {@code start()} holds while the pipeline starts (and, with
 * durability, recovers). A liveness or readiness probe must not hang on that, so the indicator waits at most {@code
 * management.health.laminar.timeout} and reports {@code UNKNOWN} when the database did not answer in time. {@code
 * UNKNOWN} ranks below {@code UP} in Boot's default status order, so a slow answer does not take the application out
 * of service by itself. The endpoint and the meters read the same counters directly: they are asked by an operator or
 * a scrape, not by a probe with a deadline.
 *
 * <p>Why meters are re-checked on each scrape: sources, streams and views can be created and dropped by DDL while the
 * application runs, and the engine tells no one. The value function of {@code laminar.pipeline.events.ingested}
 * compares the catalog with the meters it registered and registers the missing ones (removing those of dropped
 * objects), so a new source shows from the scrape after the one that noticed it. A meter filter that denies {@code
 * laminar.pipeline.events.ingested} also turns that check off.
 *
 * <p>{@code laminar.checkpoint.duration} and {@code laminar.wal.fsync} (DESIGN 7) are not registered: the engine has no
 * checkpoints or write-ahead log yet, and a meter that is always zero would say they were fast.
 */
package io.laminardb.spring.autoconfigure.actuate;
