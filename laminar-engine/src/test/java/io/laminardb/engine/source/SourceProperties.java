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
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The seed's property tests: nothing pushed is lost, watermarks are monotonic, handles share one stream. */
class SourceProperties {

    /**
     * Each producer pushes a random sequence of single events and batches, some through tryPush; whatever the
     * interleaving, the subscriber receives each accepted event exactly once, in each producer's order.
     */
    @Property(tries = 40)
    void allPushedRecordsAreConsumed(
            @ForAll("plans") List<List<Integer>> plans, @ForAll @IntRange(min = 2, max = 7) int bufferExponent)
            throws Exception {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE ticks (producer INT NOT NULL, seq BIGINT NOT NULL) WITH (buffer_size = "
                    + (1 << bufferExponent) + ")");
            Source<Tick> ticks = db.source("ticks", Tick.class);
            Subscription<Tick> out = db.subscribe("ticks", Tick.class);
            db.start();
            List<CompletableFuture<Long>> producers = new ArrayList<>();
            for (int p = 0; p < plans.size(); p++) {
                int producer = p;
                List<Integer> plan = plans.get(p);
                producers.add(CompletableFuture.supplyAsync(() -> run(ticks, producer, plan)));
            }
            long[] pushed = new long[plans.size()];
            long total = 0;
            for (int p = 0; p < pushed.length; p++) {
                pushed[p] = producers.get(p).get(30, TimeUnit.SECONDS);
                total += pushed[p];
            }

            long[] next = new long[plans.size()];
            for (long i = 0; i < total; i++) {
                Tick tick = out.poll(Duration.ofSeconds(30));
                assertThat(tick).isNotNull();
                assertThat(tick.seq()).isEqualTo(next[tick.producer()]++);
            }
            assertThat(next).isEqualTo(pushed);
            assertThat(out.poll(Duration.ofMillis(20))).isNull();
        }
    }

    /** A plan: positive n pushes a batch of n; 0 pushes one event; negative tries to push one without waiting. */
    private static long run(Source<Tick> ticks, int producer, List<Integer> plan) {
        long seq = 0;
        for (int step : plan) {
            if (step > 0) {
                List<Tick> batch = new ArrayList<>();
                for (int i = 0; i < step; i++) {
                    batch.add(new Tick(producer, seq++));
                }
                ticks.pushBatch(batch);
            } else if (step == 0) {
                ticks.push(new Tick(producer, seq++));
            } else if (ticks.tryPush(new Tick(producer, seq))) {
                seq++;
            }
        }
        return seq;
    }

    @Property(tries = 100)
    void watermarksAreMonotonic(@ForAll @Size(max = 50) List<@IntRange(min = -1_000, max = 1_000) Integer> marks) {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE ticks (producer INT NOT NULL, seq BIGINT NOT NULL)");
            Source<Tick> ticks = db.source("ticks", Tick.class);
            Subscription<Tick> out = db.subscribe("ticks", Tick.class);
            db.start();
            long max = Long.MIN_VALUE;
            long seen = Long.MIN_VALUE;
            for (int i = 0; i < marks.size(); i++) {
                ticks.watermark(marks.get(i));
                max = Math.max(max, marks.get(i));
                assertThat(ticks.currentWatermark()).isEqualTo(max);
                ticks.push(new Tick(0, i));
                out.poll(Duration.ofSeconds(10));
                assertThat(out.watermark()).isGreaterThanOrEqualTo(seen).isLessThanOrEqualTo(max);
                seen = out.watermark();
            }
        }
    }

    /** Handles made separately for one source, used from different threads, feed one stream: nothing is lost. */
    @Property(tries = 20)
    void separateHandlesPreserveEveryProducersData(@ForAll @IntRange(min = 1, max = 6) int handles) throws Exception {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE ticks (producer INT NOT NULL, seq BIGINT NOT NULL) WITH (buffer_size = 64)");
            Subscription<Tick> out = db.subscribe("ticks", Tick.class);
            db.start();
            List<CompletableFuture<Void>> pushing = new ArrayList<>();
            for (int h = 0; h < handles; h++) {
                int producer = h;
                Source<Tick> handle = db.source("ticks", Tick.class);
                pushing.add(CompletableFuture.runAsync(() -> {
                    for (long seq = 0; seq < 1_000; seq++) {
                        handle.push(new Tick(producer, seq));
                    }
                }));
            }
            long[] next = new long[handles];
            for (int i = 0; i < handles * 1_000; i++) {
                Tick tick = out.poll(Duration.ofSeconds(30));
                assertThat(tick.seq()).isEqualTo(next[tick.producer()]++);
            }
            CompletableFuture.allOf(pushing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(next).containsOnly(1_000L);
        }
    }

    @Provide
    Arbitrary<List<List<Integer>>> plans() {
        Arbitrary<Integer> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-1)));
        return step.list().ofMaxSize(300).list().ofMinSize(1).ofMaxSize(4);
    }
}
