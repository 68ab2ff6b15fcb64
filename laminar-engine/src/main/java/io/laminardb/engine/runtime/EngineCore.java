package io.laminardb.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine thread ("core") and the tasks it owns (sources, partitions of keyed operators): it runs them in turn.
 *
 * <p>When every channel is empty it spins briefly, then yields, then parks; producers wake it when it parks ({@link
 * #wakeIfSleeping()}), and it never parks longer than a millisecond, so a wake-up lost to a race costs at most that.
 * Sources are added and removed from other threads; the list is copy-on-write because that is rare.
 */
public final class EngineCore implements EngineTask.Waker {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    /** Elements taken from one source before moving to the next, for fairness between sources. */
    static final int BATCH = 4_096;

    private static final int SPINS = 100;
    private static final int YIELDS = 20;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int index;
    private final boolean pin;
    private final BiConsumer<EngineCore, Throwable> onFailure;
    private final List<EngineTask> tasks = new CopyOnWriteArrayList<>();

    /**
     * The engine work the current thread may do while it waits for room in a full exchange queue: the tasks of its core
     * that are not already running further up its stack. Without it, a thread could wait on a queue that only it
     * drains.
     */
    private static final ThreadLocal<java.util.function.IntSupplier> CURRENT = new ThreadLocal<>();

    /** Tasks running on this core's stack right now (at most a few: one, plus those run while it waits). */
    private final ArrayList<EngineTask> running_ = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean sleeping;

    private static final java.lang.invoke.VarHandle SLEEPING;

    static {
        try {
            SLEEPING =
                    java.lang.invoke.MethodHandles.lookup().findVarHandle(EngineCore.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Thread thread;

    /** Whether the thread stops without waiting for its tasks to end (see {@link #stop}). */
    private volatile boolean suspending;

    /** Set while a checkpoint holds the engine still (see {@link Pause}); null otherwise. */
    private volatile Pause pause;

    EngineCore(int index, boolean pin, BiConsumer<EngineCore, Throwable> onFailure) {
        this.index = index;
        this.pin = pin;
        this.onFailure = onFailure;
    }

    int index() {
        return index;
    }

    int taskCount() {
        return tasks.size();
    }

    boolean owns(EngineTask task) {
        return tasks.contains(task);
    }

    void add(EngineTask task) {
        tasks.add(task);
        task.setWaker(this);
        wakeIfSleeping();
    }

    void remove(EngineTask task) {
        tasks.remove(task);
    }

    /** Runs every task once on the calling thread: for a database shut down before its threads started. */
    int processInline(java.util.function.Predicate<EngineTask> which) {
        int work = 0;
        for (EngineTask task : tasks) {
            if (which.test(task)) {
                work += runTask(task, BATCH);
            }
        }
        return work;
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

    /**
     * Stops the thread after it has handed on everything buffered (or at once, if {@code drain} is false). With {@code
     * suspend}, it does not wait for its tasks to receive an end of input that a suspended source never sends.
     */
    void stop(boolean drain, boolean suspend, long timeoutMillis) throws InterruptedException {
        suspending = suspend;
        stop(drain, timeoutMillis);
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
        // One unpark per sleep: the producers pushing behind the first one that woke the thread only read a flag.
        if (sleeping && SLEEPING.compareAndSet(this, true, false)) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void run() {
        CpuPinning.Pin pinned = pin ? CpuPinning.pinCurrentThread(index) : CpuPinning.Pin.NONE;
        CURRENT.set(this::helpOnce);
        try {
            int idle = 0;
            while (running) {
                Pause p = pause;
                if (p != null && p.parkRequested()) {
                    p.park(this);
                    continue;
                }
                if (processAll() > 0) {
                    idle = 0;
                } else {
                    idle(idle++);
                }
            }
            // Shutting down: hand on what is buffered, then let every closed source complete its subscribers, and
            // every partition receive its end from its input on another thread. Suspended (a durable database keeps
            // its queries' state for the next run), no end comes: stop once nothing is buffered or in flight.
            while (processAll() > 0 || anyPending() || (!suspending && anyIncomplete())) {
                Thread.onSpinWait();
            }
        } catch (Throwable t) {
            log.error("Engine thread {} failed", index, t);
            onFailure.accept(this, t);
        } finally {
            pinned.release();
        }
    }

    /**
     * Runs, once, the tasks of the calling thread's core that are not already running: called while the thread waits
     * for room in a queue. Returns the work done; 0 on a thread that is no engine thread.
     */
    public static int helpWhileWaiting() {
        java.util.function.IntSupplier help = CURRENT.get();
        return help == null ? 0 : help.getAsInt();
    }

    /** Runs, once and briefly, each task of this core that is not running on the stack. */
    int helpOnce() {
        return helpOnce(task -> true);
    }

    /** Runs, once and briefly, each task of this core that {@code which} accepts and is not running on the stack. */
    int helpOnce(java.util.function.Predicate<EngineTask> which) {
        int work = 0;
        boolean holdInputs = pause != null;
        for (EngineTask task : tasks) {
            if (which.test(task) && !running_.contains(task) && !(holdInputs && task.isInput())) {
                work += runTask(task, BATCH / 16);
            }
        }
        return work;
    }

    /** Lets the calling thread help {@code cores} while it waits: for running every core's tasks on one thread. */
    static void helpingAll(EngineCore[] cores, Runnable body) {
        helpingAll(cores, task -> true, body);
    }

    /** As {@link #helpingAll(EngineCore[], Runnable)}, helping only with the tasks {@code which} accepts. */
    static void helpingAll(EngineCore[] cores, java.util.function.Predicate<EngineTask> which, Runnable body) {
        java.util.function.IntSupplier previous = CURRENT.get();
        CURRENT.set(() -> {
            int work = 0;
            for (EngineCore core : cores) {
                work += core.helpOnce(which);
            }
            return work;
        });
        try {
            body.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    private int runTask(EngineTask task, int limit) {
        running_.add(task);
        try {
            return task.process(limit);
        } finally {
            running_.remove(running_.size() - 1);
        }
    }

    private int processAll() {
        int work = 0;
        boolean holdInputs = pause != null;
        for (EngineTask task : tasks) {
            if (holdInputs && task.isInput()) {
                continue;
            }
            work += runTask(task, BATCH);
            if (task.isCompleted() && running) {
                tasks.remove(task); // dropped or closed, and fully handed on
            }
        }
        return work;
    }

    /** Holds this core's input tasks back, or lets them go again ({@code null}). */
    void setPause(Pause pause) {
        this.pause = pause;
        LockSupport.unpark(thread);
    }

    /** Whether a task other than an input has work waiting: rows still on their way through the operators. */
    boolean anyInFlight() {
        for (EngineTask task : tasks) {
            if (!task.isInput() && task.hasPending()) {
                return true;
            }
        }
        return false;
    }

    boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    private boolean anyPending() {
        for (EngineTask task : tasks) {
            if (task.hasPending()) {
                return true;
            }
        }
        return false;
    }

    private boolean anyIncomplete() {
        for (EngineTask task : tasks) {
            if (!task.isCompleted()) {
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
            if (running && !anyPending() && pause == null) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            sleeping = false;
        }
    }
}
