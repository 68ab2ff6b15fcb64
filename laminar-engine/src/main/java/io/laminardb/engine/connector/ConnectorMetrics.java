package io.laminardb.engine.connector;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one connector, kept by the database and updated by the connector: records and bytes that went through,
 * errors, messages sent to the dead-letter destination, retries. Shown by {@code LaminarDB.connectorMetrics()}, in
 * Micrometer ({@code laminar.connector.*}) and in Actuator's health details.
 */
public final class ConnectorMetrics {

    private final String object;
    private final String connector;
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private volatile String lastError;
    private volatile Instant lastErrorTime;

    public ConnectorMetrics(String object, String connector) {
        this.object = object;
        this.connector = connector;
    }

    /** The source or sink these counters belong to. */
    public String object() {
        return object;
    }

    public String connector() {
        return connector;
    }

    /** {@code n} records read or written, {@code size} bytes in all. */
    public void recordsIn(long n, long size) {
        records.add(n);
        bytes.add(size);
    }

    /** An error the connector recovered from or reported; kept as the last error. */
    public void error(String message) {
        errors.increment();
        lastError = message;
        lastErrorTime = Instant.now();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    public void retried() {
        retries.increment();
    }

    public long records() {
        return records.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> lastErrorTime() {
        return Optional.ofNullable(lastErrorTime);
    }
}
