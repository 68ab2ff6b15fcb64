package io.laminardb.engine.stream;

import io.laminardb.engine.WatermarkStatus;
import io.laminardb.engine.plan.WindowProbe;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects {@link WatermarkStatus} for every source, producer, stream and windowed operator: the data behind {@code
 * SHOW WATERMARKS} and {@code LaminarDB.watermarks()}.
 */
public final class WatermarkReport {

    private WatermarkReport() {}

    public static List<WatermarkStatus> of(DatabaseRuntime runtime) {
        List<WatermarkStatus> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (SourceRuntime source : runtime.sources()) {
            rows.add(status(source.name(), "source", source.currentWatermark(), now, source.isIdle()));
            for (SourceRuntime.ProducerWatermark producer : source.producerWatermarks()) {
                rows.add(status(
                        source.name() + "/" + producer.name(), "producer", producer.watermark(), now, producer.idle()));
            }
        }
        for (ContinuousQuery query : runtime.queries()) {
            long watermark = query.output().watermark();
            rows.add(status(query.name(), query.kind().displayName(), watermark, now, false));
            for (WindowProbe window : query.windows()) {
                long oldest = window.oldestOpenWindowEnd();
                int open = window.openWindows();
                rows.add(new WatermarkStatus(
                        query.name() + "/" + window.window(),
                        "window",
                        instant(watermark),
                        lag(now, watermark),
                        false,
                        Optional.of((long) open),
                        instant(oldest),
                        open == 0 ? Optional.empty() : Optional.of(heldBackBy(runtime, query.input()))));
            }
        }
        return rows;
    }

    private static WatermarkStatus status(String name, String kind, long watermark, long now, boolean idle) {
        return new WatermarkStatus(
                name,
                kind,
                instant(watermark),
                lag(now, watermark),
                idle,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * What keeps {@code input}'s watermark back: for a source, its slowest active producer (or the source itself when
     * no producer has an event time yet); for a stream, what holds back the stream's own input.
     */
    private static String heldBackBy(DatabaseRuntime runtime, String input) {
        EventPublisher publisher = runtime.publisher(input);
        if (publisher instanceof SourceRuntime source) {
            return source.slowestProducer()
                    .map(p -> source.name() + "/" + p.name() + " (watermark " + describe(p.watermark()) + ")")
                    .orElse(source.name() + " (watermark " + describe(source.currentWatermark()) + ")");
        }
        return runtime.findQuery(input).map(q -> heldBackBy(runtime, q.input())).orElse(input);
    }

    private static String describe(long watermark) {
        return watermark == Long.MIN_VALUE
                ? "none yet"
                : Instant.ofEpochMilli(watermark).toString();
    }

    private static Optional<Instant> instant(long millis) {
        return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static Optional<Long> lag(long now, long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE
                ? Optional.empty()
                : Optional.of(now - watermark);
    }
}
