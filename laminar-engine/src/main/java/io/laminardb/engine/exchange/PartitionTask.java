package io.laminardb.engine.exchange;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import org.jctools.queues.SpscArrayQueue;

/**
 * One partition of a keyed operator: the queue its rows arrive in and the operator's copy that processes them, run by
 * the engine thread the partition is assigned to. Ticks (processing time) are its own, about every millisecond.
 *
 * <p>An operator of two inputs (a join) has a queue and an entry point per input: each input's exchange sends into its
 * own queue, so each queue keeps one producer thread even when the inputs run on different engine threads.
 */
public final class PartitionTask extends ClaimedTask {

    private final SpscArrayQueue<Object>[] queues;
    private final Operator[] inputs;
    private final boolean ticks;
    private volatile Waker waker = () -> {};
    private volatile int ended;
    private volatile boolean cancelled;
    private long lastTick;

    /** A partition of an operator of one input. */
    public PartitionTask(Operator operator) {
        this(new Operator[] {operator});
    }

    /**
     * A partition of an operator of several inputs.
     *
     * @param inputs the entry point of each input, by the input's index (see {@link PartitionOperator})
     */
    @SuppressWarnings("unchecked")
    public PartitionTask(Operator[] inputs) {
        this.inputs = inputs.clone();
        this.queues = new SpscArrayQueue[inputs.length];
        boolean anyTicks = false;
        for (int i = 0; i < inputs.length; i++) {
            queues[i] = new SpscArrayQueue<>(Queues.CAPACITY);
            anyTicks |= inputs[i].wantsTicks();
        }
        this.ticks = anyTicks;
    }

    /** Sender side: enqueues a row, a {@link Messages} element, or the end, for input {@code input}. */
    void send(int input, Object element) {
        Queues.put(queues[input], element, waker, this);
        waker.wakeIfSleeping();
    }

    @Override
    int processClaimed(int limit) {
        int taken = 0;
        for (int i = 0; i < queues.length; i++) {
            SpscArrayQueue<Object> queue = queues[i];
            Operator operator = inputs[i];
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
                    ended++;
                }
            }
        }
        if (ticks) {
            long now = System.currentTimeMillis();
            if (now != lastTick) {
                lastTick = now;
                inputs[0].onTick(now);
            }
        }
        return taken;
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
        return (ended == queues.length || cancelled) && !hasPending();
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
