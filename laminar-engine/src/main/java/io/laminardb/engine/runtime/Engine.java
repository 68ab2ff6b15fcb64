package io.laminardb.engine.runtime;

import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The engine threads, and which of them owns each task (source, operator partition). */
public final class Engine {

    private final EngineCore[] cores;

    /**
     * @param cores the number of engine threads
     * @param pin whether to pin each thread to a CPU
     * @param onFailure told when an engine thread dies of an error
     */
    public Engine(int cores, boolean pin, Consumer<Throwable> onFailure) {
        this.cores = new EngineCore[cores];
        for (int i = 0; i < cores; i++) {
            this.cores[i] = new EngineCore(i, pin, (core, error) -> onFailure.accept(error));
        }
    }

    public int cores() {
        return cores.length;
    }

    /** Gives {@code task} to the core that owns the fewest tasks. */
    public void assign(EngineTask task) {
        Stream.of(cores)
                .min(Comparator.comparingInt(EngineCore::taskCount))
                .orElseThrow()
                .add(task);
    }

    /** Gives {@code task} to core {@code core} (modulo the number of cores). */
    public void assign(EngineTask task, int core) {
        cores[Math.floorMod(core, cores.length)].add(task);
    }

    /** The core that owns {@code task}, or 0 when none does. */
    public int coreOf(EngineTask task) {
        for (EngineCore core : cores) {
            if (core.owns(task)) {
                return core.index();
            }
        }
        return 0;
    }

    /** Takes {@code task} away from its core. */
    public void unassign(EngineTask task) {
        for (EngineCore core : cores) {
            core.remove(task);
        }
    }

    /**
     * Runs the tasks {@code which} accepts on the calling thread until they have no work left; only while the threads
     * are not running.
     */
    public void drainInline(java.util.function.Predicate<EngineTask> which) {
        drainInline(which, task -> true);
    }

    /** As {@link #drainInline(java.util.function.Predicate)}, helping only {@code helpWith} while waiting for room. */
    public void drainInline(
            java.util.function.Predicate<EngineTask> which, java.util.function.Predicate<EngineTask> helpWith) {
        EngineCore.helpingAll(cores, helpWith, () -> {
            int work;
            do {
                work = 0;
                for (EngineCore core : cores) {
                    work += core.processInline(which);
                }
            } while (work > 0);
        });
    }

    /**
     * Runs {@code body} on the calling thread while the engine threads are not running, letting it do the work of the
     * tasks {@code which} accepts while it waits for room in a queue (see {@link EngineCore#helpWhileWaiting()}).
     */
    public void runInline(java.util.function.Predicate<EngineTask> which, Runnable body) {
        EngineCore.helpingAll(cores, which, body);
    }

    /**
     * Runs {@code action} with the engine still: no source hands on new elements, every row already taken has passed
     * through the operators, and every engine thread is parked, so that {@code action} may read operator state from the
     * calling thread. Without running engine threads (not started, or stopped) {@code action} just runs.
     *
     * @return false, without running {@code action}, when the engine did not come still within {@code timeout} (an
     *     engine thread waits on a subscriber that does not read)
     */
    public boolean whileStill(java.time.Duration timeout, Runnable action) {
        int running = 0;
        for (EngineCore core : cores) {
            if (core.isRunning()) {
                running++;
            }
        }
        if (running == 0) {
            action.run();
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Pause pause = new Pause();
        for (EngineCore core : cores) {
            core.setPause(pause);
        }
        try {
            while (true) {
                while (anyInFlight()) {
                    if (!waitABit(deadline)) {
                        return false;
                    }
                }
                pause.requestPark();
                while (pause.parkedCount() < runningCount()) {
                    if (!waitABit(deadline)) {
                        return false;
                    }
                }
                if (!anyInFlight()) {
                    action.run();
                    return true;
                }
                pause.cancelPark(); // a thread handed rows on before it parked: let them through first
            }
        } finally {
            pause.release();
            for (EngineCore core : cores) {
                core.setPause(null);
            }
        }
    }

    private boolean anyInFlight() {
        for (EngineCore core : cores) {
            if (core.anyInFlight()) {
                return true;
            }
        }
        return false;
    }

    private int runningCount() {
        int running = 0;
        for (EngineCore core : cores) {
            if (core.isRunning()) {
                running++;
            }
        }
        return running;
    }

    private static boolean waitABit(long deadline) {
        if (System.nanoTime() > deadline) {
            return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        return true;
    }

    public void start() {
        for (EngineCore core : cores) {
            core.start();
        }
    }

    /** Stops every thread, after it has handed on everything buffered when {@code drain}. */
    public void stop(boolean drain, long timeoutMillis) {
        stop(drain, false, timeoutMillis);
    }

    /**
     * Stops every thread after it has handed on everything buffered; with {@code suspend}, without waiting for ends of
     * input that suspended sources and tables do not send.
     */
    public void stop(boolean drain, boolean suspend, long timeoutMillis) {
        for (EngineCore core : cores) {
            try {
                core.stop(drain, suspend, timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
