package io.laminardb.engine.exchange;

import io.laminardb.engine.channel.Idler;
import io.laminardb.engine.runtime.EngineCore;
import io.laminardb.engine.runtime.EngineTask;
import org.jctools.queues.SpscArrayQueue;

/** Offering into an exchange queue: a full queue holds the sender back until the receiver has made room. */
final class Queues {

    /** Slots per queue: the credit a sender has before it waits. */
    static final int CAPACITY = 16_384;

    private Queues() {}

    static void put(SpscArrayQueue<Object> queue, Object element, EngineTask.Waker receiver) {
        if (queue.offer(element)) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            receiver.wakeIfSleeping();
            // The receiver may be this very thread's work: run it (and the rest of this core's) while waiting.
            if (EngineCore.helpWhileWaiting() == 0) {
                Idler.SPIN_YIELD.idle(attempt);
            }
            if (queue.offer(element)) {
                return;
            }
        }
    }
}
