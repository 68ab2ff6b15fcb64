package io.laminardb.engine.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds the engine still for a checkpoint: first the sources stop handing on new elements while the rows already
 * inside run through the operators (an aligned barrier at every source at once), then, once nothing is in flight,
 * every engine thread parks, so that the operators' state can be read from another thread. {@link #release()} lets them
 * go on.
 */
final class Pause {

    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private volatile boolean parkRequested;
    private volatile boolean released;
    private final AtomicInteger parked = new AtomicInteger();

    boolean parkRequested() {
        return parkRequested && !released;
    }

    /** An engine thread's side: waits here until the checkpoint is done or the park is called off. */
    void park(EngineCore core) {
        parked.incrementAndGet();
        try {
            while (parkRequested && !released && core.isRunning()) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        } finally {
            parked.decrementAndGet();
        }
    }

    void requestPark() {
        parkRequested = true;
    }

    void cancelPark() {
        parkRequested = false;
    }

    int parkedCount() {
        return parked.get();
    }

    void release() {
        released = true;
    }
}
