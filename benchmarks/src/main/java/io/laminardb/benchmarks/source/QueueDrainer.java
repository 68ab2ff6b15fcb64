package io.laminardb.benchmarks.source;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumer thread of a baseline: drains its queue continuously, as an engine thread drains a source's channel.
 *
 * <p>It takes up to {@link #BATCH} elements at a time (the engine's batch). When there is nothing to take it spins
 * {@link #SPINS} times, then yields; a drainer made with {@code parks} then parks for up to a millisecond, announcing it
 * in a flag that producers check after each offer ({@link #wakeIfSleeping}), exactly as the engine thread idles. A
 * drainer that does not park never needs waking; on a busy push path the engine thread does not park either.
 *
 * <p>{@link #start} and {@link #stop} are called by the benchmark's setup and tear-down thread, {@link
 * #wakeIfSleeping} by producers; {@link #drain} runs on the drainer's own thread only.
 */
abstract class QueueDrainer {

    static final int BATCH = 4_096;
    private static final int SPINS = 100;
    private static final int YIELDS = 20;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Thread thread;
    private final boolean parks;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile long taken;

    QueueDrainer(String name) {
        this(name, false);
    }

    QueueDrainer(String name, boolean parks) {
        this.parks = parks;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Takes up to {@code limit} elements and returns how many it took. */
    protected abstract int drain(int limit);

    /** Whether elements are waiting; checked before parking. */
    protected abstract boolean pending();

    final QueueDrainer start() {
        thread.start();
        return this;
    }

    /** Wakes the drainer if it is parked. Called by producers after each offer. */
    final void wakeIfSleeping() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the thread after it has taken what is left, and returns how many elements it took in all. */
    final long stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        return taken;
    }

    private void run() {
        long count = 0;
        int idle = 0;
        while (running) {
            int n = drain(BATCH);
            if (n > 0) {
                count += n;
                taken = count;
                idle = 0;
            } else {
                idle(idle++);
            }
        }
        for (int n; (n = drain(BATCH)) > 0; ) {
            count += n;
        }
        taken = count;
    }

    private void idle(int attempt) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else if (!parks || attempt < SPINS + YIELDS) {
            Thread.yield();
        } else {
            sleeping = true;
            if (running && !pending()) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            sleeping = false;
        }
    }
}
