package io.laminardb.engine.exchange;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.runtime.EngineTask;
import org.jctools.queues.SpscArrayQueue;

/**
 * One partition of a keyed operator: the queue its rows arrive in and the operator's copy that processes them, run by
 * the engine thread the partition is assigned to. Ticks (processing time) are its own, about every millisecond.
 */
public final class PartitionTask implements EngineTask {

    private final SpscArrayQueue<Object> queue = new SpscArrayQueue<>(Queues.CAPACITY);
    private final Operator operator;
    private final boolean ticks;
    private volatile Waker waker = () -> {};
    private volatile boolean ended;
    private volatile boolean cancelled;
    private long lastTick;

    public PartitionTask(Operator operator) {
        this.operator = operator;
        this.ticks = operator.wantsTicks();
    }

    /** Sender side: enqueues a row, a {@link Messages} element, or the end. */
    void send(Object element) {
        Queues.put(queue, element, waker);
        waker.wakeIfSleeping();
    }

    @Override
    public int process(int limit) {
        int taken = 0;
        Object element;
        while (taken < limit && (element = queue.poll()) != null) {
            taken++;
            if (element instanceof Object[] row) {
                operator.onRow(row, ChangeEvent.Op.INSERT, Long.MIN_VALUE);
            } else if (element instanceof Messages.Change change) {
                operator.onRow(change.row(), change.op(), change.timestamp());
            } else if (element instanceof Messages.Watermark mark) {
                operator.onWatermark(mark.value());
            } else if (element == Messages.END) {
                operator.onEnd();
                ended = true;
            }
        }
        if (ticks) {
            long now = System.currentTimeMillis();
            if (now != lastTick) {
                lastTick = now;
                operator.onTick(now);
            }
        }
        return taken;
    }

    @Override
    public boolean hasPending() {
        return !queue.isEmpty();
    }

    @Override
    public boolean isCompleted() {
        return (ended || cancelled) && queue.isEmpty();
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
