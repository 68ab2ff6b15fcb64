package io.laminardb.spring.autoconfigure.source;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.PipelineAttachment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code @LaminarSource} methods of the application, run with the pipeline: each opens its source before the
 * pipeline starts (so a missing source or a record that does not fit it fails start-up), starts producing on a thread
 * of its own once the pipeline runs, and stops before the pipeline drains.
 */
public final class LaminarSourceMethods implements PipelineAttachment {

    private final LaminarSourceAnnotationBeanPostProcessor methods;
    private volatile List<SourceRunner> runners = List.of();

    public LaminarSourceMethods(LaminarSourceAnnotationBeanPostProcessor methods) {
        this.methods = methods;
    }

    @Override
    public void attach(LaminarDB db) {
        List<SourceRunner> made = new ArrayList<>();
        for (SourceMethod method : methods.sourceMethods()) {
            SourceRunner runner = new SourceRunner(method);
            runner.attach(db);
            made.add(runner);
        }
        runners = List.copyOf(made);
    }

    @Override
    public void started(LaminarDB db) {
        runners.forEach(SourceRunner::start);
    }

    /**
     * Stops every method (no new call begins, no further element is taken, each thread is interrupted), then waits, up
     * to {@code timeout} in all, for the threads to end: the database drains only after the last push has landed.
     */
    @Override
    public void stopping(Duration timeout) {
        runners.forEach(SourceRunner::stop);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SourceRunner runner : runners) {
            runner.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Each source method with its counters, in the order they were found. Any thread may call it. */
    public List<SourceMethodInfo> sourceMethods() {
        List<SourceRunner> running = runners;
        if (running.isEmpty()) {
            return methods.sourceMethods().stream().map(SourceRunner::created).toList();
        }
        return running.stream().map(SourceRunner::info).toList();
    }
}
