package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.annotations.Record;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A long run of an interval join keeps its state flat: the state-size metric ({@code StreamInfo.stateRows}) stays
 * near what the bounds and the watermark delay need, whatever the number of rows that went through. The default run
 * pushes 400,000 rows; {@code -Psoak} ({@code laminar.soak.join.events}) pushes millions.
 */
public class StreamJoinStateTest {

    private static final long EVENTS = Long.getLong("laminar.soak.join.events", 400_000);
    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** An order or a payment: 100 of each per simulated second, over 1,000 keys. */
    @Record
    public record Event(long id, long customer, Instant ts) {}

    @Test
    void aLongRunOfAnIntervalJoinKeepsItsStateFlat() throws InterruptedException {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(2).build())) {
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT NOT NULL, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)");
            db.execute("CREATE SOURCE payments (id BIGINT NOT NULL, customer BIGINT NOT NULL, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)");
            db.execute("CREATE STREAM paid AS SELECT o.id, p.id AS payment FROM orders o JOIN payments p"
                    + " ON o.id = p.id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND");
            Subscription<Row> out = db.subscribe("paid");
            AtomicLong joined = new AtomicLong();
            Thread reader = new Thread(() -> out.stream().forEach(r -> joined.incrementAndGet()));
            reader.setDaemon(true);
            reader.start();
            db.start();
            Source<Event> orders = db.source("orders", Event.class);
            Source<Event> payments = db.source("payments", Event.class);

            List<Long> samples = new ArrayList<>();
            long perSide = EVENTS / 2;
            for (long i = 0; i < perSide; i++) {
                // Each order paid 2 s later: 100 orders a simulated second, so ~600 orders and ~300 payments wait.
                long time = BASE + i * 10;
                orders.push(new Event(i, i % 1000, Instant.ofEpochMilli(time)));
                if (i >= 200) {
                    long paidOrder = i - 200;
                    payments.push(new Event(paidOrder, paidOrder % 1000, Instant.ofEpochMilli(time)));
                }
                if (i % 20_000 == 0 && i > 0) {
                    // Sampled once the engine has caught up with the pushes, so that rows queued for want of CPU
                    // are not counted: each payment pushed has met its order.
                    long paid = i - 200 + 1;
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (joined.get() < paid && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    samples.add(db.streams().get(0).stateRows());
                }
            }
            db.source("orders").close();
            db.source("payments").close();
            reader.join(60_000);

            System.out.printf("interval join, %,d rows: state rows every 40,000 rows %s%n", EVENTS, samples);
            assertThat(joined.get()).isEqualTo(perSide - 200);
            long largest = samples.stream().mapToLong(Long::longValue).max().orElseThrow();
            long lastHalf = samples.subList(samples.size() / 2, samples.size()).stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow();
            assertThat(largest)
                    .as("rows held at any sample, of %,d pushed; samples %s", EVENTS, samples)
                    .isLessThan(Math.max(50_000, EVENTS / 20));
            assertThat(lastHalf)
                    .as("the state of the second half of the run is no larger than the first half's: %s", samples)
                    .isLessThanOrEqualTo(Math.max(
                            2
                                    * samples.subList(1, samples.size() / 2 + 1).stream()
                                            .mapToLong(Long::longValue)
                                            .max()
                                            .orElse(0),
                            5_000));
            assertThat(db.streams().get(0).stateRows())
                    .as("all gone at the end")
                    .isZero();
        }
    }
}
