package io.laminardb.engine.runtime;

import io.laminardb.engine.source.SourceRuntime;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The engine threads, and which of them owns each source. */
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

    /** Gives {@code source} to the core that owns the fewest sources. */
    public void assign(SourceRuntime source) {
        Stream.of(cores)
                .min(Comparator.comparingInt(EngineCore::sourceCount))
                .orElseThrow()
                .add(source);
    }

    /** Takes {@code source} away from its core; call once it has completed. */
    public void unassign(SourceRuntime source) {
        for (EngineCore core : cores) {
            core.remove(source);
        }
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
