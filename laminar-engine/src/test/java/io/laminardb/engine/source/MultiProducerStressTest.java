package io.laminardb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.fixtures.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many threads push into one source through a small buffer (so producers wrap it many times and block on it); the
 * subscriber checks that every event arrives exactly once and each producer's events in the order pushed.
 */
class MultiProducerStressTest {

    private static final int TOTAL_EVENTS = 400_000;

    @ParameterizedTest(name = "{0} producers, batches of {1}")
    @CsvSource({"2, 1", "8, 1", "2, 37", "8, 37"})
    void everyEventArrivesOnceAndInPerProducerOrder(int producers, int batchSize) throws Exception {
        int perProducer = TOTAL_EVENTS / producers;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE ticks (producer INT NOT NULL, seq BIGINT NOT NULL) WITH (buffer_size = 1024)");
            Source<Tick> ticks = db.source("ticks", Tick.class);
            Subscription<Tick> out = db.subscribe("ticks", Tick.class);
            db.start();
            CyclicBarrier start = new CyclicBarrier(producers);
            List<CompletableFuture<Void>> pushing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                pushing.add(
                        CompletableFuture.runAsync(() -> push(ticks, producer, perProducer, batchSize, start), pool));
            }

            long[] next = new long[producers];
            int received = 0;
            while (received < perProducer * producers) {
                Tick tick = out.poll(Duration.ofSeconds(30));
                assertThat(tick)
                        .as("event %d of %d", received, perProducer * producers)
                        .isNotNull();
                assertThat(tick.seq())
                        .as("producer %d's next event", tick.producer())
                        .isEqualTo(next[tick.producer()]);
                next[tick.producer()]++;
                received++;
            }
            CompletableFuture.allOf(pushing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(next).containsOnly(perProducer);
            assertThat(out.poll(Duration.ofMillis(100)))
                    .as("nothing beyond what was pushed")
                    .isNull();
            assertThat(ticks.isMpsc()).isTrue();
            assertThat(ticks.producerCount()).isEqualTo(producers);
            assertThat(db.sourceMetrics("ticks").orElseThrow().totalEvents()).isEqualTo(TOTAL_EVENTS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void push(Source<Tick> ticks, int producer, int count, int batchSize, CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (batchSize == 1) {
            for (long seq = 0; seq < count; seq++) {
                ticks.push(new Tick(producer, seq));
            }
            return;
        }
        List<Tick> batch = new ArrayList<>(batchSize);
        for (long seq = 0; seq < count; seq++) {
            batch.add(new Tick(producer, seq));
            if (batch.size() == batchSize || seq == count - 1) {
                ticks.pushBatch(batch);
                batch.clear();
            }
        }
    }
}
