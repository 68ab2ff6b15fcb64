package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.Row;
import org.HdrHistogram.Histogram;

/**
 * Measures the latency of one query run: the producer thread hands every bid through {@link #beforePush} just before
 * pushing it, and the reader thread hands every result row, in order, to {@link #onRow}.
 *
 * <p>Times are written by the producer before the push that makes a row possible, and read by the reader after it
 * has taken that row from the subscription; the source's and the subscription's queues order the two, so plain fields
 * suffice. One probe per run; not reusable.
 */
interface LatencyProbe {

    /** The probe a query's {@link NexmarkQuery#latency()} calls for. */
    static LatencyProbe of(NexmarkQuery query, NexmarkConfig config) {
        return switch (query.latency()) {
            case ARRIVAL -> new ArrivalLatencyProbe(query, config);
            case WINDOW_CLOSE -> new WindowCloseLatencyProbe(query, config);
            case NONE ->
                new LatencyProbe() {
                    private final Histogram empty = new Histogram(3);

                    @Override
                    public Bid beforePush(Bid bid) {
                        return bid;
                    }

                    @Override
                    public void onRow(Row row, long readNanos) {}

                    @Override
                    public Histogram histogram() {
                        return empty;
                    }

                    @Override
                    public long unmatched() {
                        return 0;
                    }
                };
        };
    }

    /** Producer thread: the bid to push in place of {@code bid} (the same, or one carrying a marker). */
    Bid beforePush(Bid bid);

    /** Reader thread: a result row, read from the subscription at {@code readNanos} ({@link System#nanoTime()}). */
    void onRow(Row row, long readNanos);

    /** The latencies recorded, in nanoseconds; read once the reader has finished. */
    Histogram histogram();

    /**
     * Rows that could not be matched with a push: for arrival sampling a row that is not the one expected (which
     * would make the figures wrong), for windows a window that only the close of the source closed.
     */
    long unmatched();
}
