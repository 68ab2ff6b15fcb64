package io.laminardb.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * Where event time stands at one point of the pipeline: a source, one producer of a source, a stream or view, or a
 * windowed operator. What {@code SHOW WATERMARKS} and {@link LaminarDB#watermarks()} report, to answer "why does my
 * window not fire": a window closes when its query's watermark passes its end, and {@link #heldBackBy()} names the
 * input that keeps that watermark back.
 *
 * @param name the source, {@code source/producer-thread}, stream, or {@code stream/window}
 * @param kind {@code source}, {@code producer}, {@code stream}, {@code materialized view} or {@code window}
 * @param watermark the current watermark; empty before the first
 * @param lagMillis how far the watermark trails the wall clock; empty before the first
 * @param idle for a source or producer: idle for its {@code idle_timeout}, so it no longer holds the watermark back
 * @param openWindows for a window: how many windows are open
 * @param oldestOpenWindowEnd for a window: when the oldest open window ends; it fires once the watermark reaches this
 * @param heldBackBy for a window with open windows: the source or producer with the lowest watermark upstream
 */
public record WatermarkStatus(
        String name,
        String kind,
        Optional<Instant> watermark,
        Optional<Long> lagMillis,
        boolean idle,
        Optional<Long> openWindows,
        Optional<Instant> oldestOpenWindowEnd,
        Optional<String> heldBackBy) {}
