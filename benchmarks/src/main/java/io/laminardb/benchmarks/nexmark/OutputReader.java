package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The reader thread of a query run: drains the result's subscription in batches until the stream ends, counts the
 * rows, hands each to the {@link LatencyProbe}, and notes when the last row was read.
 *
 * <p>When nothing is buffered it waits in {@link Subscription#poll(Duration)}, which spins briefly and then parks
 * until the engine signals a row; spinning all the time would take a core from the producer or the engine thread on
 * a small machine.
 */
final class OutputReader implements Runnable {

    private static final int BATCH = 4_096;

    private final Subscription<Row> subscription;
    private final LatencyProbe probe;
    private final List<Row> batch = new ArrayList<>(BATCH);
    private volatile long rows;
    private volatile long endNanos;
    private volatile Throwable failure;

    private final boolean arrow;

    OutputReader(Subscription<Row> subscription, LatencyProbe probe) {
        this(subscription, probe, false);
    }

    /** @param arrow read Arrow batches with {@code pollBatch()} and only count their rows (no latency samples) */
    OutputReader(Subscription<Row> subscription, LatencyProbe probe, boolean arrow) {
        this.subscription = subscription;
        this.probe = probe;
        this.arrow = arrow;
    }

    @Override
    public void run() {
        if (arrow) {
            runBatches();
            return;
        }
        try {
            long count = 0;
            for (; ; ) {
                // Read before draining: the rows buffered before the stream ended are all taken by this drain.
                boolean ended = subscription.isClosed();
                int n = subscription.drainTo(batch, BATCH);
                if (n > 0) {
                    long now = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        probe.onRow(batch.get(i), now);
                    }
                    batch.clear();
                    count += n;
                } else if (ended) {
                    break;
                } else {
                    Row row = subscription.poll(Duration.ofMillis(100));
                    if (row != null) {
                        probe.onRow(row, System.nanoTime());
                        count++;
                    }
                }
            }
            endNanos = System.nanoTime();
            rows = count;
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void runBatches() {
        try {
            long count = 0;
            for (; ; ) {
                boolean ended = subscription.isClosed();
                VectorSchemaRoot batch = subscription.pollBatch();
                if (batch != null) {
                    count += batch.getRowCount();
                    batch.close();
                } else if (ended) {
                    break;
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
            endNanos = System.nanoTime();
            rows = count;
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Rows read; valid after the reader thread has ended. */
    long rows() {
        return rows;
    }

    /** {@link System#nanoTime()} when the stream had ended and every row was read. */
    long endNanos() {
        return endNanos;
    }

    /** What stopped the reader, or null. */
    Throwable failure() {
        return failure;
    }
}
