package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.Row;
import org.HdrHistogram.Histogram;

/**
 * Latency of a windowed query: from the push of the bid that closed a window to the read of that window's row.
 *
 * <p>The sources' watermark is {@code dateTime - maxOutOfOrderDelay} (4 seconds) and a window closes when the
 * watermark reaches its end, so the window ending at {@code E} is closed by the first bid whose {@code dateTime} is at
 * or after {@code E + 4 s}. The producer notes {@link System#nanoTime()} just before pushing that bid, for every window
 * end it passes (ends are multiples of {@link NexmarkQuery#windowMillis()}); the reader looks the time up by the row's
 * {@code window_end}. For q5 that is the end of the second, 2-second window, whose rows leave when the watermark
 * passes it. The last windows, which only the close of the source closes, have no such bid and count as
 * {@link #unmatched()}.
 *
 * <p>The generator's event time must be in order ({@code outOfOrderGroupSize} 1), so the first bid past an end is the
 * one that moves the watermark past it.
 */
final class WindowCloseLatencyProbe implements LatencyProbe {

    private final long windowMillis;
    private final long delayMillis;
    private final long firstEnd;
    private final long[] closeNanos;
    private final Histogram histogram = new Histogram(3);

    // Producer thread: the next window end no bid has closed yet.
    private long nextEnd;

    // Reader thread.
    private long unmatched;
    private int endColumn = -1;

    WindowCloseLatencyProbe(NexmarkQuery query, NexmarkConfig config) {
        if (config.outOfOrderGroupSize() != 1) {
            throw new IllegalArgumentException("window-close latency needs events in order of time");
        }
        this.windowMillis = query.windowMillis();
        this.delayMillis = config.maxOutOfOrderDelay().toMillis();
        long base = config.baseTime().toEpochMilli();
        this.firstEnd = Math.floorDiv(base, windowMillis) * windowMillis + windowMillis;
        long spanMillis = config.numEvents() * 1000 / config.firstEventRate();
        this.closeNanos = new long[Math.toIntExact(spanMillis / windowMillis + 2)];
        this.nextEnd = firstEnd;
    }

    @Override
    public Bid beforePush(Bid bid) {
        long watermark = bid.dateTime().toEpochMilli() - delayMillis;
        if (watermark < nextEnd) {
            return bid;
        }
        long now = System.nanoTime();
        for (; nextEnd <= watermark; nextEnd += windowMillis) {
            int index = index(nextEnd);
            if (index < closeNanos.length) {
                closeNanos[index] = now;
            }
        }
        return bid;
    }

    @Override
    public void onRow(Row row, long readNanos) {
        if (endColumn < 0) {
            endColumn = row.indexOf("window_end");
        }
        int index = index(row.getInstant(endColumn).toEpochMilli());
        long closed = index >= 0 && index < closeNanos.length ? closeNanos[index] : 0;
        if (closed == 0) {
            unmatched++;
        } else {
            histogram.recordValue(Math.max(0, readNanos - closed));
        }
    }

    private int index(long end) {
        return (int) Math.floorDiv(end - firstEnd, windowMillis);
    }

    @Override
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public long unmatched() {
        return unmatched;
    }
}
