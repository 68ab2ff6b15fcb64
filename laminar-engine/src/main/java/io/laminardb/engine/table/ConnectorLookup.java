package io.laminardb.engine.table;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.ConnectorMetrics;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.ExternalCalls;
import io.laminardb.engine.connector.LookupConnector;
import io.laminardb.engine.operator.TableLookup;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.value.SqlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a connector-backed table, found by key for lookup joins: from a cache when the key was looked up less
 * than {@code lookup.cache.ttl} ago, otherwise from the {@link LookupConnector}, through retries and a circuit breaker
 * ({@link ExternalCalls}).
 *
 * <p><b>Failures.</b> A lookup the external system cannot answer now (it is down, the network fails) waits and tries
 * again until it is answered: the query stops taking rows (its inputs fill and push back), the table's connector shows
 * DOWN with the last error, and nothing is lost; when the system is back the query goes on where it stopped. A lookup
 * that cannot succeed (a value that does not fit the column's type, a failure the connector marks {@link
 * ExternalCalls.NonRetryable}) fails the row, which the query skips and counts in its errors.
 *
 * <p><b>Threads.</b> {@link #find} may be called from several engine threads at once; the cache is concurrent, and two
 * threads missing the same key may both ask the external system.
 */
public final class ConnectorLookup implements TableLookup, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorLookup.class);

    /** The cache's options, taken by every connector-backed table. */
    public static final List<ConnectorOption> OPTIONS = List.of(
            ConnectorOption.duration(
                            "lookup.cache.ttl",
                            "How long a row looked up is kept and joined again without asking the external system;"
                                    + " 0 keeps nothing, every lookup asks")
                    .withDefault("0s"),
            ConnectorOption.integer(
                            "lookup.cache.max_rows",
                            "The most keys the cache keeps; beyond it the least recently used go first")
                    .withDefault("10000"),
            ConnectorOption.bool(
                            "lookup.cache.missing_keys",
                            "Whether a key without a row is cached too, so that it is not asked for again within the"
                                    + " TTL")
                    .withDefault("true"));

    /** The cached answer for a key without a row. */
    private static final Object[] MISSING = new Object[0];

    private final String table;
    private final LookupConnector connector;
    private final Field[] fields;
    private final Field[] keyFields;
    private final ExternalCalls calls;
    private final ConnectorMetrics metrics;
    private final Cache<List<Object>, Object[]> cache;
    private final boolean cacheMissing;
    private final Duration ttl;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile boolean closed;
    private volatile boolean waiting;

    /**
     * @param table the table's name, for messages
     * @param schema the table's columns
     * @param key the indexes of the primary key columns, in key order
     * @param options the table's checked options, with the keys of {@link #OPTIONS} and {@link ExternalCalls#OPTIONS}
     */
    public ConnectorLookup(
            String table,
            String connectorName,
            Schema schema,
            int[] key,
            ConnectorOptions options,
            LookupConnector connector) {
        this.table = table;
        this.connector = connector;
        this.fields = schema.getFields().toArray(Field[]::new);
        this.keyFields = Arrays.stream(key).mapToObj(i -> fields[i]).toArray(Field[]::new);
        this.metrics = new ConnectorMetrics(table, connectorName);
        this.calls = new ExternalCalls("table " + table, options, metrics);
        this.ttl = options.getDuration("lookup.cache.ttl").orElse(Duration.ZERO);
        this.cacheMissing = options.getBoolean("lookup.cache.missing_keys").orElse(true);
        this.cache = ttl.isZero() || ttl.isNegative()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(ttl)
                        .maximumSize(Math.max(
                                1, options.getInt("lookup.cache.max_rows").orElse(10_000)))
                        .build();
    }

    @Override
    public Object[] find(List<Object> key) {
        if (cache != null) {
            Object[] cached = cache.getIfPresent(key);
            if (cached != null) {
                hits.increment();
                return cached == MISSING ? null : cached;
            }
        }
        misses.increment();
        Object[] row = load(key);
        if (cache != null && (row != null || cacheMissing)) {
            cache.put(List.copyOf(key), row == null ? MISSING : row);
        }
        return row;
    }

    /** Asks the connector, waiting through failures that may pass (see the class comment). */
    private Object[] load(List<Object> internalKey) {
        List<Object> key = new ArrayList<>(keyFields.length);
        for (int i = 0; i < keyFields.length; i++) {
            key.add(TypeMapping.toExternal(internalKey.get(i), keyFields[i]));
        }
        Object[] found;
        while (true) {
            try {
                found = calls.call(() -> connector.lookup(key));
                waiting = false;
                break;
            } catch (ExternalCalls.NonRetryable e) {
                metrics.error(e.getMessage());
                throw new ConnectorException(
                        "Table '" + table + "': looking up key " + key + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("Table '" + table + "': interrupted while looking up key " + key, e);
            } catch (Exception e) {
                if (closed) {
                    throw new ConnectorException(
                            "Table '" + table + "' was closed while looking up key " + key + ": " + e, e);
                }
                metrics.error(e.toString());
                if (!waiting) {
                    log.warn(
                            "Table '{}': looking up key {} failed after every retry ({}); waiting for {} to answer"
                                    + " again, the query holds its rows until then",
                            table,
                            key,
                            e.toString(),
                            metrics.connector());
                    waiting = true;
                }
                pause();
            }
        }
        metrics.recordsIn(1, 0);
        return found == null ? null : checked(found, key);
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("Table '" + table + "': interrupted while waiting for the connector", e);
        }
    }

    /** The connector's row in query form, each value checked against its column. */
    private Object[] checked(Object[] row, List<Object> key) {
        if (row.length != fields.length) {
            throw new SchemaMismatchException(
                    "The row of table '" + table + "' for key " + key,
                    List.of("the connector gave " + row.length + " values for " + fields.length + " columns"));
        }
        Object[] internal = new Object[row.length];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            try {
                internal[i] = TypeMapping.toInternal(SqlValues.coerce(row[i], fields[i]), fields[i]);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            SchemaMismatchException mismatch =
                    new SchemaMismatchException("The row of table '" + table + "' for key " + key, problems);
            metrics.error(mismatch.getMessage());
            throw mismatch;
        }
        return internal;
    }

    /** The connector's counters. */
    public ConnectorMetrics metrics() {
        return metrics;
    }

    /** Up while lookups are answered; down while the circuit is open or a lookup waits for the system. */
    public ConnectorHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("circuit", calls.circuitState());
        details.put("cache.ttl", ttl.toString());
        details.put("cache.hits", hits.sum());
        details.put("cache.misses", misses.sum());
        metrics.lastError().ifPresent(error -> details.put("lastError", error));
        ConnectorHealth own = connector.health();
        if (waiting || calls.isOpen()) {
            return new ConnectorHealth(
                    false, "lookups fail; the queries joining the table wait for it to answer", details);
        }
        if (!own.up()) {
            details.putAll(own.details());
            return new ConnectorHealth(false, own.detail(), details);
        }
        return new ConnectorHealth(true, own.detail(), details);
    }

    /** The time a looked-up row is kept; zero when nothing is cached. */
    public Duration ttl() {
        return ttl;
    }

    /** Closes the connector: a lookup waiting for it gives up; the next lookup connects again. */
    @Override
    public void close() {
        closed = true;
        connector.close();
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
