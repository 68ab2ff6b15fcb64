package io.laminardb.engine.exchange;

import io.laminardb.engine.channel.Idler;
import io.laminardb.engine.runtime.EngineCore;
import io.laminardb.engine.runtime.EngineTask;
import org.jctools.queues.SpscArrayQueue;

/**
 * Offering into an exchange queue: a full queue holds the sender back until the receiver has made room.
 *
 * <p>While it waits, the sender runs the other tasks of its own engine thread, and the receiving task itself when no
 * other thread runs it at that moment. The second matters for a join, whose two inputs may run on two engine threads
 * that each send into a partition the other owns: with both queues full and each thread waiting inside its input's
 * task, neither owner would ever drain its partition. Taking the receiver's work on breaks that cycle.
 */
final class Queues {

    /** Slots per queue: the credit a sender has before it waits. */
    static final int CAPACITY = 16_384;

    private Queues() {}

    /** The batch a waiting sender runs of the receiving task. */
    private static final int HELP_BATCH = 256;

    static void put(SpscArrayQueue<Object> queue, Object element, EngineTask.Waker waker, EngineTask receiver) {
        if (queue.offer(element)) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            waker.wakeIfSleeping();
            // The receiver may be this very thread's work: run it (and the rest of this core's) while waiting; or, if
            // its owner is busy elsewhere, take its work on (it runs on one thread at a time, whichever claims it).
            if (EngineCore.helpWhileWaiting() == 0 && receiver.process(HELP_BATCH) == 0) {
                Idler.SPIN_YIELD.idle(attempt);
            }
            if (queue.offer(element)) {
                return;
            }
        }
    }
}
