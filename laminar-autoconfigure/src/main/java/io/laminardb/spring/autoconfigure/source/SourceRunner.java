package io.laminardb.spring.autoconfigure.source;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceClosedException;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.spring.autoconfigure.source.SourceMethodInfo.State;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code @LaminarSource} method on a thread of its own: calls it (once, or on its poll interval) and pushes
 * what it returns into its source with the source's blocking {@code push}, so a full source slows the method down.
 *
 * <p>Threads: {@link #attach}, {@link #start}, {@link #stop} and {@link #awaitTermination} are called by the lifecycle,
 * in that order; {@link #run} by the runner's own thread; {@link #info} by any thread.
 */
final class SourceRunner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);

    private final SourceMethod method;
    private final LongAdder events = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile State state = State.CREATED;
    private volatile boolean stopping;
    private volatile String lastError;
    /** Failures since the last call that worked; read and written by the runner's thread only. */
    private int failuresInARow;

    private Source<Object> source;
    private volatile Thread thread;

    SourceRunner(SourceMethod method) {
        this.method = method;
    }

    /**
     * Opens the handle the method's records go through, before the pipeline starts.
     *
     * @throws IllegalStateException naming the method when the source does not exist or does not fit the record type
     */
    @SuppressWarnings("unchecked")
    void attach(LaminarDB db) {
        Source<Object> handle;
        try {
            handle = (Source<Object>) db.source(method.source(), method.shape().recordType());
        } catch (SourceNotFoundException e) {
            throw new IllegalStateException(
                    "@LaminarSource(\"" + method.source() + "\") on " + method.name() + " of bean '" + method.beanName()
                            + "': " + e.getMessage() + " Create it in schema.sql, or fix the name.",
                    e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "@LaminarSource(\"" + method.source() + "\") on " + method.name() + " of bean '"
                            + method.beanName() + "' cannot push "
                            + method.shape().recordType().getSimpleName()
                            + " into '" + method.source() + "': " + e.getMessage(),
                    e);
        }
        source = new CountingSource<>(handle, events);
    }

    /** Starts the thread, once the pipeline runs. */
    void start() {
        state = State.RUNNING;
        thread = new Thread(
                this,
                "laminar-source-" + method.source() + "-" + method.method().getName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks the thread to stop: no further call is made and no further element of a result taken (a record a call in
     * progress returns is still pushed), and the thread is interrupted. Returns at once.
     */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Waits up to {@code timeout} for the thread to end; logs if it does not. */
    void awaitTermination(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn(
                    "@LaminarSource {} did not return within {} of being interrupted; its thread {} is left to end on"
                            + " its own (its pushes fail now that source '{}' is closed)",
                    method.name(),
                    timeout,
                    t.getName(),
                    method.source());
        }
    }

    @Override
    public void run() {
        try {
            switch (method.shape().kind()) {
                case SOURCE -> runPusher();
                case RECORD -> runPolled();
                default -> runResults();
            }
        } finally {
            if (state == State.RUNNING) {
                state = stopping ? State.STOPPED : State.COMPLETED;
            }
        }
    }

    /** {@code void produce(Source<T>)}: one call that pushes itself. */
    private void runPusher() {
        try {
            method.method().invoke(method.bean(), source);
        } catch (InvocationTargetException e) {
            if (!stopping && !closed(e.getCause())) {
                failed(e.getCause(), "it is not called again");
                state = State.FAILED;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            failed(e, "it is not called again");
            state = State.FAILED;
        }
    }

    /** {@code T next()}: called on the interval; a null result pushes nothing. */
    private void runPolled() {
        String next = "it is called again in " + method.pollIntervalText();
        do {
            Object record;
            try {
                record = call();
            } catch (Throwable e) {
                if (stopping) {
                    return;
                }
                failed(e, next);
                continue;
            }
            succeeded();
            if (record != null && !push(record)) {
                return;
            }
        } while (pause());
    }

    /** {@code Iterable<T>}, {@code Stream<T>}, {@code Flux<T>}: each element pushed; once, or on the interval. */
    private void runResults() {
        String next = method.polled() ? "it is called again in " + method.pollIntervalText() : "it is not called again";
        do {
            try {
                if (!pushAll(call())) {
                    return;
                }
                succeeded();
            } catch (Throwable e) {
                if (stopping || closed(e)) {
                    return;
                }
                failed(e, next);
                if (!method.polled()) {
                    state = State.FAILED;
                    return;
                }
            }
        } while (method.polled() && pause());
    }

    /** Pushes every element of a result (null: none); false once the source is closed or the runner stops. */
    private boolean pushAll(Object result) {
        if (result == null) {
            return true;
        }
        if (result instanceof Iterable<?> iterable) {
            return pushAll(iterable.iterator());
        }
        Stream<?> elements =
                method.shape().kind() == SourceShape.Kind.FLUX ? FluxElements.stream(result) : (Stream<?>) result;
        try (elements) {
            return pushAll(elements.iterator());
        }
    }

    private boolean pushAll(Iterator<?> elements) {
        while (!stopping && elements.hasNext()) {
            Object record = elements.next();
            if (record != null && !push(record)) {
                return false;
            }
        }
        return !stopping;
    }

    private Object call() throws Throwable {
        try {
            return method.method().invoke(method.bean());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Pushes one record, waiting for room as the source's backpressure says. Returns false when the source is closed,
     * so nothing more can be pushed; a push the source refuses (its backpressure is {@code reject}) is counted as an
     * error and the record dropped.
     */
    private boolean push(Object record) {
        try {
            source.push(record);
            return true;
        } catch (SourceClosedException e) {
            closed(e);
            return false;
        } catch (RuntimeException e) {
            failed(e, "the record is dropped");
            return true;
        }
    }

    /** Whether {@code error} says the source was closed; if so, and not by the lifecycle, logs that production ends. */
    private boolean closed(Throwable error) {
        if (!(error instanceof SourceClosedException)) {
            return false;
        }
        if (!stopping) {
            log.warn(
                    "@LaminarSource {} stops: source '{}' was closed while the pipeline runs",
                    method.name(),
                    method.source());
            state = State.STOPPED;
        }
        return true;
    }

    /** Counts and logs a failure: with its stack trace when it is the first in a row, in one line after that. */
    private void failed(Throwable error, String next) {
        errors.increment();
        lastError = error.getClass().getName() + ": " + error.getMessage();
        if (failuresInARow++ == 0) {
            log.error("@LaminarSource {} (source '{}') failed; {}", method.name(), method.source(), next, error);
        } else {
            log.warn(
                    "@LaminarSource {} (source '{}') failed again, {} times in a row: {}; {}",
                    method.name(),
                    method.source(),
                    failuresInARow,
                    lastError,
                    next);
        }
    }

    private void succeeded() {
        if (failuresInARow > 0) {
            log.info(
                    "@LaminarSource {} (source '{}') works again after {} failure(s)",
                    method.name(),
                    method.source(),
                    failuresInARow);
            failuresInARow = 0;
        }
    }

    /** Waits out the poll interval; false if the runner was stopped meanwhile. */
    private boolean pause() {
        long deadline = System.nanoTime() + method.pollInterval().toNanos();
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // stop() interrupts after setting the flag; any other interrupt only cuts this nap short.
            }
        }
        return !stopping;
    }

    SourceMethodInfo info() {
        return new SourceMethodInfo(
                method.name(),
                method.beanName(),
                method.source(),
                method.shape().toString(),
                Optional.ofNullable(method.pollInterval()),
                state,
                events.sum(),
                errors.sum(),
                Optional.ofNullable(lastError));
    }

    static SourceMethodInfo created(SourceMethod method) {
        return new SourceMethodInfo(
                method.name(),
                method.beanName(),
                method.source(),
                method.shape().toString(),
                Optional.ofNullable(method.pollInterval()),
                State.CREATED,
                0,
                0,
                Optional.empty());
    }
}
