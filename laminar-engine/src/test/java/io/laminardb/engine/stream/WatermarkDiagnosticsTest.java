package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.WatermarkStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatermarkDiagnosticsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LaminarDB db;

    @AfterEach
    void close() {
        producers.values().forEach(ExecutorService::shutdownNow);
        if (db != null) {
            db.close();
        }
    }

    private void open(String options) {
        db = LaminarDB.inMemory();
        db.execute("CREATE SOURCE clicks (page VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                + options);
        db.execute("CREATE STREAM per_minute AS SELECT page, window_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY page, window_start, window_end");
    }

    private final Map<String, ExecutorService> producers = new HashMap<>();

    /**
     * Pushes from a long-lived thread of the given name, so that the source sees it as a producer of its own that is
     * still there (a thread that has ended holds no watermark back).
     */
    private void pushFrom(String thread, UntypedSource source, Object[]... rows) throws Exception {
        ExecutorService producer =
                producers.computeIfAbsent(thread, name -> Executors.newSingleThreadExecutor(r -> new Thread(r, name)));
        producer.submit(() -> {
                    for (Object[] row : rows) {
                        source.push(row);
                    }
                })
                .get();
    }

    private static Object[] click(String page, int seconds) {
        return new Object[] {page, T0.plusSeconds(seconds)};
    }

    private WatermarkStatus status(String name) {
        return db.watermarks().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + db.watermarks()));
    }

    private void awaitWatermark(String name, Instant expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status(name).watermark().equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(status(name).watermark()).contains(expected);
    }

    @Test
    void theSlowestProducerHoldsTheSourceBackAndIsNamedAsTheCauseOfAnOpenWindow() throws Exception {
        open("");
        Subscription<Row> out = db.subscribe("per_minute");
        db.start();
        UntypedSource clicks = db.source("clicks");
        pushFrom("slow-producer", clicks, click("b", 10));
        pushFrom("fast-producer", clicks, click("a", 5), click("a", 90));

        // The source's watermark is the minimum over its producers: 00:00:10 - 1 s, from the slow one.
        awaitWatermark("clicks", T0.plusSeconds(9));
        assertThat(status("clicks/fast-producer").watermark()).contains(T0.plusSeconds(89));
        // The rows reach the window operator's partitions through exchange queues, after the source has moved on.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status("per_minute/tumble(size=60000ms)").openWindows().equals(Optional.of(2L))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        WatermarkStatus window = status("per_minute/tumble(size=60000ms)");
        assertThat(window.openWindows()).contains(2L);
        assertThat(window.oldestOpenWindowEnd()).contains(T0.plusSeconds(60));
        assertThat(window.heldBackBy()).get().asString().startsWith("clicks/slow-producer");
        assertThat(out.poll(Duration.ofMillis(200))).isNull();

        List<Row> shown = db.execute("SHOW WATERMARKS").rows();
        assertThat(shown.stream().map(r -> r.getString("name") + " " + r.getString("kind")))
                .contains(
                        "clicks source",
                        "clicks/fast-producer producer",
                        "clicks/slow-producer producer",
                        "per_minute stream",
                        "per_minute/tumble(size=60000ms) window");

        pushFrom("slow-producer", clicks, click("b", 75)); // catches up: the first minute closes
        assertThat(Rows.take(out, 2)).containsExactlyInAnyOrder("a|2026-01-01T00:01:00Z|1", "b|2026-01-01T00:01:00Z|1");
    }

    @Test
    void anIdleProducerStopsHoldingTheWatermarkBackAfterIdleTimeout() throws Exception {
        open(" WITH (idle_timeout = '200ms')");
        Subscription<Row> out = db.subscribe("per_minute");
        db.start();
        UntypedSource clicks = db.source("clicks");
        pushFrom("quiet-producer", clicks, click("q", 1));
        pushFrom("busy-producer", clicks, click("a", 5), click("a", 90));

        // Once the quiet producer has not moved for 200 ms, the busy one alone sets the watermark.
        assertThat(Rows.take(out, 2)).containsExactlyInAnyOrder("a|2026-01-01T00:01:00Z|1", "q|2026-01-01T00:01:00Z|1");
        assertThat(status("clicks/quiet-producer").idle()).isTrue();
        assertThat(status("clicks").watermark()).contains(T0.plusSeconds(89));
    }

    @Test
    void lateRowsAreCountedInThePipelineMetrics() throws Exception {
        open("");
        db.start();
        db.execute("INSERT INTO clicks VALUES ('a', TIMESTAMP '2026-01-01 00:02:00')");
        awaitWatermark("per_minute", T0.plusSeconds(119));
        db.execute("INSERT INTO clicks VALUES ('a', TIMESTAMP '2026-01-01 00:00:30')"); // its minute has closed

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (db.metrics().totalLateEvents() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(db.metrics().totalLateEvents()).isEqualTo(1);
        assertThat(db.metrics().streams()).isEqualTo(1);
    }
}
