package io.laminardb.spring.autoconfigure.sink;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarProperties;
import io.laminardb.spring.autoconfigure.LaminarProperties.ResolvedSink;
import io.laminardb.spring.autoconfigure.PipelineAttachment;
import io.laminardb.spring.autoconfigure.SinkErrorPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code @LaminarSink} methods of the application, run with the pipeline: each subscribes before the pipeline
 * starts, so it misses no row, and finishes the rows left after the pipeline has drained.
 */
public final class LaminarSinks implements PipelineAttachment {

    private final LaminarSinkAnnotationBeanPostProcessor methods;
    private final LaminarProperties properties;
    private volatile List<SinkRunner> runners = List.of();

    public LaminarSinks(LaminarSinkAnnotationBeanPostProcessor methods, LaminarProperties properties) {
        this.methods = methods;
        this.properties = properties;
    }

    @Override
    public void attach(LaminarDB db) {
        List<SinkMethod> found = methods.sinkMethods();
        DeadLetters deadLetters = null;
        List<SinkRunner> made = new ArrayList<>();
        for (SinkMethod method : found) {
            ResolvedSink settings = properties.sink(method.stream());
            if (settings.errorPolicy() == SinkErrorPolicy.DEAD_LETTER && deadLetters == null) {
                deadLetters = DeadLetters.open(db);
            }
            boolean ownDeadLetters = method.stream().equalsIgnoreCase(DeadLetters.SOURCE);
            made.add(new SinkRunner(
                    method,
                    settings,
                    settings.errorPolicy() == SinkErrorPolicy.DEAD_LETTER && !ownDeadLetters ? deadLetters : null));
        }
        for (SinkRunner runner : made) {
            runner.attach(db);
        }
        runners = List.copyOf(made);
    }

    @Override
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SinkRunner runner : runners) {
            runner.awaitCompletion(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Each sink method with its counters, in the order they were found. */
    public List<SinkInfo> sinks() {
        if (runners.isEmpty()) {
            return methods.sinkMethods().stream()
                    .map(m -> new SinkInfo(
                            m.name(),
                            m.beanName(),
                            m.stream(),
                            m.shape().toString(),
                            SinkInfo.State.CREATED,
                            0,
                            0,
                            0,
                            java.util.Optional.empty()))
                    .toList();
        }
        return runners.stream().map(SinkRunner::info).toList();
    }
}
