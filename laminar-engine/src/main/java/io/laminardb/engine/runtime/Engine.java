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
        EngineCore.helpingAll(cores, () -> {
            int work;
            do {
                work = 0;
                for (EngineCore core : cores) {
                    work += core.processInline(which);
                }
            } while (work > 0);
        });
    }

    public void start() {
        for (EngineCore core : cores) {
            core.start();
        }
    }

    /** Stops every thread, after it has handed on everything buffered when {@code drain}. */
    public void stop(boolean drain, long timeoutMillis) {
        for (EngineCore core : cores) {
            try {
                core.stop(drain, timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
