package io.laminardb.engine.exchange;

import io.laminardb.engine.runtime.EngineTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exchange task that runs on one thread at a time, whichever claims it: its owner core, or a thread that waits for
 * room in one of its queues and takes the work on (see {@link Queues}). The claim orders the operators' accesses
 * between the threads.
 */
abstract class ClaimedTask implements EngineTask {

    private final AtomicBoolean running = new AtomicBoolean();

    /** Runs a batch, unless another thread runs this task now; returns the elements taken. */
    @Override
    public final int process(int limit) {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            return processClaimed(limit);
        } finally {
            running.set(false);
        }
    }

    /** A batch, on the thread that holds the claim. */
    abstract int processClaimed(int limit);
}
