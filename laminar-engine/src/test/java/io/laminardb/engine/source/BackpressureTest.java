package io.laminardb.engine.source;

import static io.laminardb.engine.source.Trades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceClosedException;
import io.laminardb.engine.SourceFullException;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a push does when the source's buffer is full, for each policy and wait strategy. */
class BackpressureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"spin", "spin_yield", "park"})
    void blockWaitsForRoomThenDeliversEverything(String waitStrategy) throws Exception {
        try (LaminarDB db =
                Trades.database("buffer_size = 4, backpressure = 'block', wait_strategy = '" + waitStrategy + "'")) {
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            for (int i = 0; i < 4; i++) {
                trades.push(trade(i));
            }

            CompletableFuture<Void> fifth = CompletableFuture.runAsync(() -> trades.push(trade(4)));
            awaitBackpressured(db);
            assertThat(fifth).isNotDone();

            db.start();
            fifth.get(10, TimeUnit.SECONDS);
            List<Long> received = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                received.add(out.poll(WAIT).qty());
            }
            assertThat(received).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsWhatItDropped() {
        try (LaminarDB db = Trades.database("buffer_size = 4, backpressure = 'drop_oldest'")) {
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            for (int i = 0; i < 10; i++) {
                trades.push(trade(i));
            }

            assertThat(db.sourceMetrics("trades").orElseThrow().dropped()).isEqualTo(6);
            db.start();
            List<Long> received = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                received.add(out.poll(WAIT).qty());
            }
            assertThat(received).containsExactly(6L, 7L, 8L, 9L);
        }
    }

    @Test
    void rejectThrowsSourceFullAndCountsTheRejectedEvent() {
        try (LaminarDB db = Trades.database("buffer_size = 4, backpressure = 'reject'")) {
            Source<Trade> trades = db.source("trades", Trade.class);
            for (int i = 0; i < 4; i++) {
                trades.push(trade(i));
            }

            assertThatThrownBy(() -> trades.push(trade(4)))
                    .isInstanceOf(SourceFullException.class)
                    .hasMessageContaining("Source 'trades' is full (4 events buffered)");
            SourceMetrics metrics = db.sourceMetrics("trades").orElseThrow();
            assertThat(metrics.rejected()).isEqualTo(1);
            assertThat(metrics.pending()).isEqualTo(4);
            assertThat(metrics.utilization()).isEqualTo(1.0);
        }
    }

    @Test
    void closingReleasesProducersBlockedOnAFullBuffer() throws Exception {
        try (LaminarDB db = Trades.database("buffer_size = 4")) {
            Source<Trade> trades = db.source("trades", Trade.class);
            for (int i = 0; i < 4; i++) {
                trades.push(trade(i));
            }
            List<CompletableFuture<Void>> blocked = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                blocked.add(CompletableFuture.runAsync(() -> trades.push(trade(99))));
            }
            awaitBackpressured(db);

            trades.close();

            for (CompletableFuture<Void> push : blocked) {
                assertThatThrownBy(() -> push.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SourceClosedException.class);
            }
        }
    }

    @Test
    void theChannelOptionIsRefusedBecauseTheChannelTypeIsDerived() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (channel = 'mpsc')"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("the channel type is derived automatically");
        }
    }

    @Test
    void badOptionValuesAreExplained() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (buffer_size = 1000)"))
                    .hasMessageContaining("buffer_size must be a power of two")
                    .hasMessageContaining("the nearest are 512 and 1024");
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (backpressure = 'wait')"))
                    .hasMessageContaining("backpressure must be 'block', 'drop_oldest' or 'reject', not 'wait'");
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (bufer_size = 1024)"))
                    .hasMessageContaining("unknown option 'bufer_size'")
                    .hasMessageContaining("buffer_size, backpressure, wait_strategy");
        }
    }

    /** Waits until a producer is seen waiting for room. */
    private static void awaitBackpressured(LaminarDB db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!db.sourceMetrics("trades").orElseThrow().backpressured()) {
            assertThat(System.nanoTime()).as("backpressure within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
