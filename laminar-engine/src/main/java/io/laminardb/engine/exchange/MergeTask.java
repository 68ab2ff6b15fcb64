package io.laminardb.engine.exchange;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.LateRows;
import io.laminardb.engine.operator.Operator;
import java.util.Arrays;
import org.jctools.queues.SpscArrayQueue;

/**
 * The gathering side of an exchange: takes the results of every partition, in each partition's order, and hands them
 * to one downstream operator on its own thread. A watermark goes on when every partition has reached it (the
 * minimum), and the end when every partition has ended.
 */
public final class MergeTask extends ClaimedTask {

    private final SpscArrayQueue<Object>[] queues;
    private final long[] watermarks;
    private final Operator next;
    private final LateRows lateRows;
    private volatile Waker waker = () -> {};
    private long forwarded = Long.MIN_VALUE;
    private int ended;
    private volatile boolean completed;
    private volatile boolean cancelled;
    private long lastTick;

    /**
     * @param lateRows where late rows the partitions divert go, on this task's thread; null when none are diverted
     */
    @SuppressWarnings("unchecked")
    public MergeTask(int partitions, Operator next, LateRows lateRows) {
        this.queues = new SpscArrayQueue[partitions];
        for (int i = 0; i < partitions; i++) {
            queues[i] = new SpscArrayQueue<>(Queues.CAPACITY);
        }
        this.watermarks = new long[partitions];
        Arrays.fill(watermarks, Long.MIN_VALUE);
        this.next = next;
        this.lateRows = lateRows;
    }

    /** The operator a partition hands its results to: it enqueues them for this task. */
    public Operator input(int partition) {
        SpscArrayQueue<Object> queue = queues[partition];
        return new Operator() {
            @Override
            public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
                send(queue, new Messages.Change(row, op, timestamp));
            }

            @Override
            public void onWatermark(long watermark) {
                send(queue, new Messages.Watermark(watermark));
            }

            @Override
            public void onEnd() {
                send(queue, Messages.END);
            }
        };
    }

    /** Where a partition's late rows go: through its queue, so the side output is written on one thread. */
    public Operator lateInput(int partition) {
        SpscArrayQueue<Object> queue = queues[partition];
        return new Operator() {
            @Override
            public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
                send(queue, new Messages.Late(row, op, timestamp));
            }

            @Override
            public void onWatermark(long watermark) {}

            @Override
            public void onEnd() {}
        };
    }

    private void send(SpscArrayQueue<Object> queue, Object element) {
        Queues.put(queue, element, waker, this);
        waker.wakeIfSleeping();
    }

    @Override
    int processClaimed(int limit) {
        int taken = 0;
        for (int p = 0; p < queues.length; p++) {
            SpscArrayQueue<Object> queue = queues[p];
            Object element;
            while (taken < limit && (element = queue.poll()) != null) {
                taken++;
                if (element instanceof Messages.Change change) {
                    next.onRow(change.row(), change.op(), change.timestamp());
                } else if (element instanceof Messages.Watermark mark) {
                    watermarks[p] = Math.max(watermarks[p], mark.value());
                    advance();
                } else if (element instanceof Messages.Late late) {
                    lateRows.forward(late.row(), late.op(), late.timestamp());
                } else if (element == Messages.END) {
                    watermarks[p] = Long.MAX_VALUE;
                    if (++ended == queues.length) {
                        next.onEnd();
                        lateRows.end();
                        completed = true;
                    }
                }
            }
        }
        long now = System.currentTimeMillis();
        if (now != lastTick) {
            lastTick = now;
            next.onTick(now);
        }
        return taken;
    }

    private void advance() {
        long min = Long.MAX_VALUE;
        for (long w : watermarks) {
            min = Math.min(min, w);
        }
        if (min > forwarded && min != Long.MAX_VALUE) {
            forwarded = min;
            next.onWatermark(min);
            lateRows.watermark(min);
        }
    }

    @Override
    public boolean hasPending() {
        for (SpscArrayQueue<Object> queue : queues) {
            if (!queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isCompleted() {
        return (completed || cancelled) && !hasPending();
    }

    /** The query was dropped: stop waiting for its end. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void setWaker(Waker waker) {
        this.waker = waker;
    }
}
