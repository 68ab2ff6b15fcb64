package io.laminardb.engine.runtime;

import io.laminardb.engine.source.SourceRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine thread ("core") and the sources it owns: it drains their channels in turn and hands the events on.
 *
 * <p>When every channel is empty it spins briefly, then yields, then parks; producers wake it when it parks ({@link
 * #wakeIfSleeping()}), and it never parks longer than a millisecond, so a wake-up lost to a race costs at most that.
 * Sources are added and removed from other threads; the list is copy-on-write because that is rare.
 */
final class EngineCore implements SourceRuntime.Waker {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    /** Elements taken from one source before moving to the next, for fairness between sources. */
    static final int BATCH = 4_096;

    private static final int SPINS = 100;
    private static final int YIELDS = 20;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int index;
    private final boolean pin;
    private final BiConsumer<EngineCore, Throwable> onFailure;
    private final List<SourceRuntime> sources = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean sleeping;
    private Thread thread;

    EngineCore(int index, boolean pin, BiConsumer<EngineCore, Throwable> onFailure) {
        this.index = index;
        this.pin = pin;
        this.onFailure = onFailure;
    }

    int index() {
        return index;
    }

    int sourceCount() {
        return sources.size();
    }

    List<SourceRuntime> sources() {
        return sources;
    }

    void add(SourceRuntime source) {
        sources.add(source);
        source.setWaker(this);
        wakeIfSleeping();
    }

    void remove(SourceRuntime source) {
        sources.remove(source);
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "laminar-core-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread after it has handed on everything buffered (or at once, if {@code drain} is false). */
    void stop(boolean drain, long timeoutMillis) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        t.join(timeoutMillis);
        if (t.isAlive()) {
            log.warn(
                    "Engine thread {} did not stop within {} ms (a subscriber may be blocking it)",
                    index,
                    timeoutMillis);
        }
        if (!drain) {
            t.interrupt();
        }
    }

    @Override
    public void wakeIfSleeping() {
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void run() {
        CpuPinning.Pin pinned = pin ? CpuPinning.pinCurrentThread(index) : CpuPinning.Pin.NONE;
        try {
            int idle = 0;
            while (running) {
                if (processAll() > 0) {
                    idle = 0;
                } else {
                    idle(idle++);
                }
            }
            // Shutting down: hand on what is buffered, then let every closed source complete its subscribers.
            while (processAll() > 0 || anyPending()) {
                Thread.onSpinWait();
            }
        } catch (Throwable t) {
            log.error("Engine thread {} failed", index, t);
            onFailure.accept(this, t);
        } finally {
            pinned.release();
        }
    }

    private int processAll() {
        int work = 0;
        for (SourceRuntime source : sources) {
            work += source.process(BATCH);
            if (source.isCompleted() && running) {
                sources.remove(source); // dropped or closed, and fully handed on
            }
        }
        return work;
    }

    private boolean anyPending() {
        for (SourceRuntime source : sources) {
            if (source.hasPending()) {
                return true;
            }
        }
        return false;
    }

    private void idle(int attempt) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else if (attempt < SPINS + YIELDS) {
            Thread.yield();
        } else {
            sleeping = true;
            if (running && !anyPending()) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            sleeping = false;
        }
    }
}
