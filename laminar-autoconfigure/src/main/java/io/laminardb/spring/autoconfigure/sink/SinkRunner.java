package io.laminardb.spring.autoconfigure.sink;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.Subscription;
import io.laminardb.spring.autoconfigure.LaminarProperties.ResolvedSink;
import io.laminardb.spring.autoconfigure.SinkErrorPolicy;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code @LaminarSink} method: subscribes to its stream and calls the method with each row (or batch) on a
 * thread of its own until the stream ends. The subscription blocks the stream when its buffer is full, so a slow method
 * slows its stream down and never blocks an engine thread.
 *
 * <p>Threads: {@link #attach} and {@link #awaitCompletion} are called by the lifecycle; {@link #info} by any thread.
 */
final class SinkRunner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long ARROW_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SinkMethod sink;
    private final ResolvedSink settings;
    private final DeadLetters deadLetters;
    private final LongAdder rows = new LongAdder();
    private final LongAdder failedRows = new LongAdder();
    private final LongAdder deadLetteredRows = new LongAdder();
    private volatile SinkInfo.State state = SinkInfo.State.CREATED;
    private volatile String lastError;
    private Subscription<?> subscription;
    private Thread thread;

    /** @param deadLetters where failed rows go under the {@code dead-letter} policy; null for the other policies */
    SinkRunner(SinkMethod sink, ResolvedSink settings, DeadLetters deadLetters) {
        this.sink = sink;
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    /**
     * Subscribes to the stream and starts the thread.
     *
     * @throws IllegalStateException naming the method when the stream does not exist or does not fit the parameter
     */
    void attach(LaminarDB db) {
        try {
            subscription = switch (sink.shape().kind()) {
                case CHANGE -> db.subscribeChanges(sink.stream(), sink.shape().rowType());
                case ARROW -> db.subscribe(sink.stream(), settings.subscription());
                default -> db.subscribe(sink.stream(), sink.shape().rowType(), settings.subscription());
            };
        } catch (SourceNotFoundException e) {
            throw new IllegalStateException(
                    "@LaminarSink(\"" + sink.stream() + "\") on " + sink.name() + " of bean '" + sink.beanName() + "': "
                            + e.getMessage() + " Create it in schema.sql, or fix the name.",
                    e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "@LaminarSink(\"" + sink.stream() + "\") on " + sink.name() + " of bean '" + sink.beanName()
                            + "' cannot take the rows of '" + sink.stream() + "' as " + sink.shape() + ": "
                            + e.getMessage(),
                    e);
        }
        state = SinkInfo.State.RUNNING;
        thread = new Thread(
                this, "laminar-sink-" + sink.stream() + "-" + sink.method().getName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits up to {@code timeout} for the rows left to be handed over; then stops waiting for them. */
    void awaitCompletion(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn(
                    "@LaminarSink {} did not finish its rows within {}; closing its subscription",
                    sink.name(),
                    timeout);
            subscription.close();
            t.interrupt();
        }
    }

    @Override
    public void run() {
        try {
            switch (sink.shape().kind()) {
                case LIST -> runBatches();
                case ARROW -> runArrow();
                default -> runRows();
            }
        } finally {
            if (state == SinkInfo.State.RUNNING) {
                state = SinkInfo.State.COMPLETED;
            }
        }
    }

    private void runRows() {
        Object row;
        while ((row = next()) != null) {
            if (!deliver(row, 1)) {
                return;
            }
        }
    }

    private void runBatches() {
        int max = settings.maxBatchSize();
        List<Object> batch = new ArrayList<>(Math.min(max, 4_096));
        @SuppressWarnings("unchecked")
        Subscription<Object> rows = (Subscription<Object>) subscription;
        Object first;
        while ((first = next()) != null) {
            batch.add(first);
            rows.drainTo(batch, max - 1);
            List<Object> call = List.copyOf(batch);
            batch.clear();
            if (!deliver(call, call.size())) {
                return;
            }
        }
    }

    private void runArrow() {
        while (state == SinkInfo.State.RUNNING) {
            VectorSchemaRoot batch = subscription.pollBatch();
            if (batch == null) {
                if (subscription.isClosed() && (batch = subscription.pollBatch()) == null) {
                    return;
                }
                if (batch == null) {
                    LockSupport.parkNanos(ARROW_WAIT_NANOS);
                    continue;
                }
            }
            try (VectorSchemaRoot owned = batch) {
                if (!deliver(owned, owned.getRowCount())) {
                    return;
                }
            }
        }
    }

    /** The next row, waiting for it; null once the stream ended and everything was read, or the sink stopped. */
    private Object next() {
        while (state == SinkInfo.State.RUNNING) {
            Object row = subscription.poll(POLL);
            if (row != null) {
                return row;
            }
            if (subscription.isClosed()) {
                return subscription.poll();
            }
        }
        return null;
    }

    /** Calls the method; returns false if the sink stopped because of it. */
    private boolean deliver(Object argument, int count) {
        try {
            sink.method().invoke(sink.bean(), argument);
            rows.add(count);
            return true;
        } catch (InvocationTargetException e) {
            return failed(argument, count, e.getCause());
        } catch (IllegalAccessException e) {
            return failed(argument, count, e);
        }
    }

    private boolean failed(Object argument, int count, Throwable error) {
        lastError = error.getClass().getName() + ": " + error.getMessage();
        SinkErrorPolicy policy = settings.errorPolicy();
        if (policy == SinkErrorPolicy.STOP) {
            state = SinkInfo.State.STOPPED; // before the count, so whoever sees the count sees the state
        }
        failedRows.add(count);
        log.error("@LaminarSink {} failed on {} (error policy {})", sink.name(), describe(argument), policy, error);
        switch (policy) {
            case STOP -> {
                subscription.close();
                log.error(
                        "@LaminarSink {} stopped: it receives no more rows of '{}' (laminar.sinks.{}.error-policy ="
                                + " stop)",
                        sink.name(),
                        sink.stream(),
                        sink.stream());
                return false;
            }
            case DEAD_LETTER -> {
                if (deadLetters != null) {
                    deadLetter(argument, error);
                    deadLetteredRows.add(count);
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** One dead letter per row of a list, one for a single row or a whole Arrow batch (as tab-separated text). */
    private void deadLetter(Object argument, Throwable error) {
        if (argument instanceof List<?> list) {
            for (Object row : list) {
                deadLetters.add(sink.name(), sink.stream(), describe(row), error);
            }
        } else {
            deadLetters.add(sink.name(), sink.stream(), describe(argument), error);
        }
    }

    private static String describe(Object argument) {
        if (argument instanceof VectorSchemaRoot batch) {
            return batch.contentToTSVString();
        }
        if (argument instanceof Row row) {
            return row.toString();
        }
        return String.valueOf(argument);
    }

    SinkInfo info() {
        return new SinkInfo(
                sink.name(),
                sink.beanName(),
                sink.stream(),
                sink.shape().toString(),
                state,
                rows.sum(),
                failedRows.sum(),
                deadLetteredRows.sum(),
                Optional.ofNullable(lastError));
    }
}
