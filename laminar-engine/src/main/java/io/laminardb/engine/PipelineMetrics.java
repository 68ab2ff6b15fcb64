package io.laminardb.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of the whole database's counters.
 *
 * @param state where the pipeline is in its life
 * @param totalEventsIngested events accepted by all sources
 * @param totalEventsEmitted rows handed to subscribers and sinks
 * @param sources number of sources
 * @param subscriptions open subscriptions
 * @param cores engine threads
 * @param uptime time since {@link LaminarDB#start()}, zero before it
 * @param failure why the pipeline failed, when {@code state} is {@link PipelineState#FAILED}
 * @param streams streams and materialized views (their late-data streams included)
 * @param totalLateEvents rows that reached a windowed query after their window had closed: dropped, sent to a {@code
 *     _late} stream, or applied as late updates (see {@code SHOW QUERIES} for each query's count)
 */
public record PipelineMetrics(
        PipelineState state,
        long totalEventsIngested,
        long totalEventsEmitted,
        int sources,
        int subscriptions,
        int cores,
        Duration uptime,
        Optional<String> failure,
        int streams,
        long totalLateEvents) {}
