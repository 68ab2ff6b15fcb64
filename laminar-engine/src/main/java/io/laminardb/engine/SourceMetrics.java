package io.laminardb.engine;

/**
 * A snapshot of one source's counters. No event is shed silently: every push is counted in {@code totalEvents}, {@code
 * dropped} or {@code rejected}.
 *
 * @param name the source
 * @param totalEvents events taken by the engine since the source was created, plus those pending (not counting events
 *     later dropped to make room)
 * @param pending buffer slots in use: events not yet taken by the engine (a batch occupies one slot)
 * @param capacity the buffer's size in slots
 * @param backpressured whether producers are waiting for room or the buffer is full right now
 * @param watermark the source's current watermark in epoch milliseconds ({@link Long#MIN_VALUE} before the first)
 * @param utilization {@code pending / capacity}, from 0 to 1
 * @param dropped events discarded under {@link Backpressure#DROP_OLDEST}
 * @param rejected events refused under {@link Backpressure#REJECT}
 * @param producerCount threads that have pushed into the source
 * @param mpsc whether the buffer has switched to multi-producer mode
 */
public record SourceMetrics(
        String name,
        long totalEvents,
        long pending,
        long capacity,
        boolean backpressured,
        long watermark,
        double utilization,
        long dropped,
        long rejected,
        int producerCount,
        boolean mpsc) {

    /** Same as {@link #backpressured()}. */
    public boolean isBackpressured() {
        return backpressured;
    }
}
