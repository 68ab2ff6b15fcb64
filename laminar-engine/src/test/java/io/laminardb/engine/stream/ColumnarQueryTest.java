package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.value.ArrowValues;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Stateless queries over Arrow batches (the columnar path) give exactly the rows the same events give pushed one by
 * one (the row path).
 */
public class ColumnarQueryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static final String SOURCE = "CREATE SOURCE t (id BIGINT NOT NULL, name VARCHAR, price DECIMAL(10, 2),"
            + " qty INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)";

    private static final List<String> QUERIES = List.of(
            "CREATE STREAM everything AS SELECT * FROM t",
            "CREATE STREAM picked AS SELECT ts, name, id FROM t",
            "CREATE STREAM filtered AS SELECT id, price FROM t WHERE qty > 5",
            "CREATE STREAM computed AS SELECT id, price * 2 AS doubled, CASE WHEN qty > 5 THEN 'big' ELSE 'small' END"
                    + " AS size, UPPER(name) AS loud, ts + INTERVAL '1' SECOND AS later, qty + 1 AS more FROM t",
            "CREATE STREAM divided AS SELECT id, 100 / qty AS q FROM t WHERE id >= 0");

    private static final List<String> STREAMS = List.of("everything", "picked", "filtered", "computed", "divided");

    static Object[] event(long id, String name, String price, Integer qty, Instant ts) {
        return new Object[] {id, name, price == null ? null : new BigDecimal(price), qty, ts};
    }

    static List<Object[]> sample() {
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(event(
                    i,
                    i % 7 == 0 ? null : "n" + i,
                    i % 5 == 0 ? null : (i * 3) + ".25",
                    i % 9 == 0 ? null : i % 11,
                    i % 13 == 0 ? null : T0.plusMillis(i * 10L)));
        }
        return events;
    }

    /** Each stream's rows, as value lists, after pushing {@code events} one by one or as one Arrow batch. */
    static List<List<List<Object>>> run(List<Object[]> events, boolean arrow, List<String> queries, List<String> names)
            throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<List<List<Object>>> results = new ArrayList<>();
            long[] errors = new long[names.size()];
            try (LaminarDB db = LaminarDB.inMemory()) {
                db.execute(SOURCE);
                queries.forEach(db::execute);
                List<Subscription<Row>> subscriptions = new ArrayList<>();
                for (String name : names) {
                    subscriptions.add(db.subscribe(name));
                }
                db.start();
                UntypedSource source = db.source("t");
                if (arrow) {
                    source.pushArrow(batch(source, events, allocator));
                } else {
                    for (Object[] event : events) {
                        source.push(event);
                    }
                }
                db.shutdown();
                for (Subscription<Row> subscription : subscriptions) {
                    List<List<Object>> rows = new ArrayList<>();
                    Row row;
                    while ((row = subscription.poll()) != null) {
                        rows.add(Arrays.asList(row.toArray()));
                    }
                    results.add(rows);
                }
            }
            return results;
        } // closing the allocator fails if a buffer leaked
    }

    static VectorSchemaRoot batch(UntypedSource source, List<Object[]> events, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(source.schema(), allocator);
        for (int i = 0; i < events.size(); i++) {
            for (int c = 0; c < events.get(i).length; c++) {
                ArrowValues.write(root.getVector(c), i, events.get(i)[c]);
            }
        }
        root.setRowCount(events.size());
        return root;
    }

    @Test
    void batchesGiveTheRowsOfTheRowPath() throws InterruptedException {
        List<Object[]> events = sample();
        List<List<List<Object>>> rows = run(events, false, QUERIES, STREAMS);
        List<List<List<Object>>> columnar = run(events, true, QUERIES, STREAMS);

        assertThat(rows.get(0)).hasSize(50);
        assertThat(rows.get(2)).isNotEmpty().hasSizeLessThan(50);
        assertThat(rows.get(4)).hasSizeLessThan(50); // the rows with qty 0 or NULL failed or gave NULL
        for (int s = 0; s < STREAMS.size(); s++) {
            assertThat(columnar.get(s)).as(STREAMS.get(s)).isEqualTo(rows.get(s));
        }
    }

    @Test
    void aRowAnExpressionFailsOnIsSkippedAndCountedAlone() throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator();
                LaminarDB db = LaminarDB.inMemory()) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM divided AS SELECT id, 100 / qty AS q FROM t");
            Subscription<Row> out = db.subscribe("divided");
            db.start();
            UntypedSource source = db.source("t");
            source.pushArrow(batch(
                    source,
                    List.of(event(1, "a", "1.00", 4, T0), event(2, "b", "1.00", 0, T0), event(3, "c", "1.00", 5, T0)),
                    allocator));
            assertThat(out.poll(WAIT).toArray()).containsExactly(1L, 25);
            assertThat(out.poll(WAIT).toArray()).containsExactly(3L, 20);
            db.shutdown();
            assertThat(errorsOf(db, "divided")).isEqualTo(1);
        }
    }

    private static long errorsOf(LaminarDB db, String stream) {
        return db.execute("SHOW QUERIES").rows().stream()
                .filter(r -> r.get("name").equals(stream))
                .findFirst()
                .orElseThrow()
                .getLong("error_rows");
    }

    @Test
    void viewsAndQueriesReadingTheStreamGetItsRows() throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator();
                LaminarDB db = LaminarDB.inMemory()) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM filtered AS SELECT id, price, ts FROM t WHERE qty > 5");
            db.execute("CREATE STREAM again AS SELECT id FROM filtered WHERE id > 20");
            db.execute("CREATE MATERIALIZED VIEW kept AS SELECT id, price FROM t WHERE qty > 5");
            db.execute("CREATE MATERIALIZED VIEW counted AS SELECT COUNT(*) AS n FROM filtered");
            Subscription<Row> again = db.subscribe("again");
            db.start();
            UntypedSource source = db.source("t");
            List<Object[]> events = sample();
            source.pushArrow(batch(source, events, allocator));
            long passing = events.stream()
                    .filter(e -> e[3] != null && (Integer) e[3] > 5)
                    .count();
            long passingAgain = events.stream()
                    .filter(e -> e[3] != null && (Integer) e[3] > 5 && (Long) e[0] > 20)
                    .count();
            db.shutdown();
            List<Object> ids = new ArrayList<>();
            Row row;
            while ((row = again.poll()) != null) {
                ids.add(row.get(0));
            }
            assertThat(ids).hasSize((int) passingAgain);
            assertThat(db.query("SELECT * FROM kept").rows()).hasSize((int) passing);
            assertThat(db.query("SELECT n FROM counted").rows().get(0).getLong(0))
                    .isEqualTo(passing);
        }
    }

    @Test
    void twoSubscribersEachGetTheBatchAndCloseTheirOwn() throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator()) {
            try (LaminarDB db = LaminarDB.inMemory()) {
                db.execute(SOURCE);
                db.execute("CREATE STREAM picked AS SELECT id, name FROM t");
                Subscription<Row> first = db.subscribe("picked");
                Subscription<Row> second = db.subscribe("picked");
                Subscription<Row> third = db.subscribe("picked"); // left unread: db.close() releases it
                db.start();
                UntypedSource source = db.source("t");
                source.pushArrow(batch(source, sample(), allocator));
                VectorSchemaRoot a = await(first);
                VectorSchemaRoot b = await(second);
                assertThat(a).isNotSameAs(b);
                assertThat(a.getRowCount()).isEqualTo(50);
                a.close();
                assertThat(b.getRowCount()).isEqualTo(50);
                assertThat(b.getVector("name").getObject(1).toString()).isEqualTo("n1");
                assertThat(b.getVector("id").getObject(49)).isEqualTo(49L);
                b.close();
                assertThat(third).isNotNull();
            }
            // closing the allocator would fail here if any reference had leaked
        }
    }

    @Test
    void rowsOfABatchStillBufferedWhenTheSubscriptionClosesCanStillBeRead() throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator()) {
            try (LaminarDB db = LaminarDB.inMemory()) {
                db.execute(SOURCE);
                db.execute("CREATE STREAM picked AS SELECT id, name FROM t");
                Subscription<Row> subscription = db.subscribe("picked");
                db.start();
                UntypedSource source = db.source("t");
                source.pushArrow(batch(source, sample(), allocator));
                db.shutdown(); // every row is buffered in the subscription now
                Row first = subscription.poll();
                subscription.close();

                List<Long> ids = new ArrayList<>(List.of(first.getLong("id")));
                Row row;
                while ((row = subscription.poll()) != null) {
                    ids.add(row.getLong("id"));
                }
                assertThat(ids).hasSize(50).startsWith(0L, 1L).endsWith(49L);
            }
            // closing the allocator would fail here if the batch had not been released
        }
    }

    @Test
    void typedAndRowReadersOfABatchSeeTheSameRows() throws InterruptedException {
        try (BufferAllocator allocator = new RootAllocator();
                LaminarDB db = LaminarDB.inMemory()) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM picked AS SELECT id, name FROM t WHERE id < 3");
            Subscription<Row> rows = db.subscribe("picked");
            Subscription<Picked> typed = db.subscribe("picked", Picked.class);
            db.start();
            UntypedSource source = db.source("t");
            source.pushArrow(batch(source, sample(), allocator));
            List<Row> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(rows.poll(WAIT));
            }
            assertThat(all).extracting(r -> r.get(0)).containsExactly(0L, 1L, 2L);
            assertThat(List.of(typed.poll(WAIT), typed.poll(WAIT), typed.poll(WAIT)))
                    .containsExactly(new Picked(0, null), new Picked(1, "n1"), new Picked(2, "n2"));
            assertThat(rows.poll(Duration.ofMillis(50))).isNull();
            db.shutdown();
        }
    }

    @io.laminardb.annotations.Record
    public record Picked(long id, String name) {}

    private static VectorSchemaRoot await(Subscription<Row> subscription) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            VectorSchemaRoot batch = subscription.pollBatch();
            if (batch != null) {
                return batch;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no batch");
    }

    // ---- property --------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Object[]>> events() {
        Arbitrary<Object[]> event = Combinators.combine(
                        Arbitraries.longs().between(-100, 100),
                        Arbitraries.strings().alpha().ofMaxLength(5).injectNull(0.2),
                        Arbitraries.integers().between(-1000, 1000).injectNull(0.2),
                        Arbitraries.integers().between(-3, 20).injectNull(0.2),
                        Arbitraries.longs().between(0, 100_000).injectNull(0.2))
                .as((id, name, cents, qty, millis) -> event(
                        id,
                        name,
                        cents == null ? null : BigDecimal.valueOf(cents, 2).toPlainString(),
                        qty,
                        millis == null ? null : T0.plusMillis(millis)));
        return event.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 15)
    void columnarEqualsRowPath(
            @ForAll("events") List<Object[]> events, @ForAll @IntRange(min = -5, max = 25) int threshold)
            throws InterruptedException {
        List<String> queries = List.of(
                "CREATE STREAM f AS SELECT id, name, price FROM t WHERE qty > " + threshold,
                "CREATE STREAM g AS SELECT id, price * qty AS total, CASE WHEN qty > " + threshold
                        + " THEN name ELSE 'x' END AS tag, ts FROM t WHERE id > " + (threshold - 10),
                "CREATE STREAM h AS SELECT id, 7 / qty AS q FROM t");
        List<String> names = List.of("f", "g", "h");
        assertThat(run(events, true, queries, names)).isEqualTo(run(events, false, queries, names));
    }
}
