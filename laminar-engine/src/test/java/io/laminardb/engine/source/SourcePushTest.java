package io.laminardb.engine.source;

import static io.laminardb.engine.source.Trades.T0;
import static io.laminardb.engine.source.Trades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceClosedException;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import io.laminardb.engine.record.fixtures.FloatTrade;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The push API of {@link Source}, following the seed's test plan. */
class SourcePushTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void pushedEventReachesTheSubscriberAsTheSameInstance() {
        try (LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);

            Trade trade = trade(1);
            trades.push(trade);

            assertThat(out.poll(WAIT)).isSameAs(trade);
        }
    }

    @Test
    void tryPushSucceedsWhenThereIsRoom() {
        try (LaminarDB db = Trades.database("buffer_size = 4")) {
            Source<Trade> trades = db.source("trades", Trade.class);

            assertThat(trades.hasCapacity()).isTrue();
            assertThat(trades.tryPush(trade(1))).isTrue();
        }
    }

    @Test
    void tryPushReturnsFalseWhenFullAndTakesNothing() {
        try (LaminarDB db = Trades.database("buffer_size = 4")) {
            Source<Trade> trades = db.source("trades", Trade.class); // not started: nothing drains
            for (int i = 0; i < 4; i++) {
                assertThat(trades.tryPush(trade(i))).isTrue();
            }

            assertThat(trades.hasCapacity()).isFalse();
            assertThat(trades.tryPush(trade(4))).isFalse();
            assertThat(db.sourceMetrics("trades").orElseThrow().pending()).isEqualTo(4);
        }
    }

    @Test
    void pushBatchDeliversEveryRecordInOrder() {
        try (LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            List<Trade> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                batch.add(trade(i));
            }

            trades.pushBatch(batch);
            batch.clear(); // the source copied the list

            List<Trade> received = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                received.add(out.poll(WAIT));
            }
            assertThat(received).extracting(Trade::qty).containsExactlyElementsOf(range(1_000));
        }
    }

    @Test
    void pushArrowDeliversEveryRowAndTheEngineClosesTheBatch() {
        RecordType<Trade> type = RecordTypes.of(Trade.class);
        try (BufferAllocator allocator = new RootAllocator();
                LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            VectorSchemaRoot root = type.createRoot(allocator);
            type.writeAll(List.of(trade(1), trade(2), trade(3)), root);

            trades.pushArrow(root);

            assertThat(List.of(out.poll(WAIT), out.poll(WAIT), out.poll(WAIT)))
                    .containsExactly(trade(1), trade(2), trade(3));
            // Closing the allocator fails if the engine did not close the batch it was handed.
        }
    }

    @Test
    void pushArrowWithAnotherSchemaNamesTheColumnAndBothTypes() {
        RecordType<FloatTrade> other = RecordTypes.of(FloatTrade.class);
        try (BufferAllocator allocator = new RootAllocator();
                LaminarDB db = Trades.database(null);
                VectorSchemaRoot root = other.createRoot(allocator)) {
            Source<Trade> trades = db.source("trades", Trade.class);

            assertThatThrownBy(() -> trades.pushArrow(root))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("column 'price': source 'trades' has DOUBLE NOT NULL, the batch has FLOAT")
                    .hasMessageContaining("'venue' of the batch is not in the source");
        }
    }

    @Test
    void aRecordThatDoesNotMatchTheSourceIsRejectedWhenTheHandleIsMade() {
        try (LaminarDB db = Trades.database(null)) {
            assertThatThrownBy(() -> db.source("trades", FloatTrade.class))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("column 'price': source 'trades' has DOUBLE NOT NULL, FloatTrade has FLOAT")
                    .hasMessageContaining("field 'venue' of FloatTrade (VARCHAR) has no column in source 'trades'");
        }
    }

    @Test
    void unknownSourceNamesTheExistingOnes() {
        try (LaminarDB db = Trades.database(null)) {
            assertThatThrownBy(() -> db.source("trade", Trade.class))
                    .isInstanceOf(SourceNotFoundException.class)
                    .hasMessage("No source named 'trade'. Existing: trades.");
        }
    }

    @Test
    void watermarksOnlyAdvance() {
        try (LaminarDB db = Trades.database(null)) {
            Source<Trade> trades = db.source("trades", Trade.class);
            assertThat(trades.currentWatermark()).isEqualTo(Long.MIN_VALUE);

            trades.watermark(1_000);
            trades.watermark(500);

            assertThat(trades.currentWatermark()).isEqualTo(1_000);
        }
    }

    @Test
    void aWatermarkReachesSubscribersOnlyAfterTheEventsPushedBeforeIt() {
        try (LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            long watermark = T0.plusSeconds(60).toEpochMilli();

            trades.push(trade(1));
            trades.watermark(watermark);

            List<Trade> seenBeforeWatermark = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.watermark() < watermark && System.nanoTime() < deadline) {
                Trade next = out.poll(Duration.ofMillis(10));
                if (next != null && out.watermark() < watermark) {
                    seenBeforeWatermark.add(next);
                }
            }
            assertThat(out.watermark()).isEqualTo(watermark);
            assertThat(seenBeforeWatermark).containsExactly(trade(1));
        }
    }

    @Test
    void theWatermarkClauseDerivesAWatermarkFromTheLargestEventTime() {
        try (LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            long expected = T0.plusSeconds(10).minusMillis(100).toEpochMilli(); // WATERMARK ... - INTERVAL '100' ms

            trades.push(new Trade("AAPL", 1, 1, T0.plusSeconds(10)));
            trades.push(new Trade("AAPL", 1, 1, T0.plusSeconds(5))); // out of order: does not move it back

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.watermark() < expected && System.nanoTime() < deadline) {
                out.poll(Duration.ofMillis(10)); // marks are read between rows
            }
            assertThat(out.watermark()).isEqualTo(expected);
            assertThat(trades.currentWatermark()).isEqualTo(expected);
        }
    }

    @Test
    void pushFromASecondThreadUpgradesToMpsc() throws Exception {
        try (LaminarDB db = Trades.database(null)) {
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);

            trades.push(trade(1));
            assertThat(trades.isMpsc()).isFalse();
            assertThat(trades.producerCount()).isEqualTo(1);

            CompletableFuture.runAsync(() -> trades.push(trade(2))).get();

            assertThat(trades.isMpsc()).isTrue();
            assertThat(trades.producerCount()).isEqualTo(2);
            assertThat(List.of(out.poll(WAIT), out.poll(WAIT))).containsExactly(trade(1), trade(2));
        }
    }

    @Test
    void handlesForTheSameSourceShareOneBuffer() {
        try (LaminarDB db = Trades.database("buffer_size = 4")) {
            Source<Trade> first = db.source("trades", Trade.class);
            Source<Trade> second = db.source("TRADES", Trade.class);

            for (int i = 0; i < 4; i++) {
                first.push(trade(i));
            }

            assertThat(second.hasCapacity()).isFalse();
        }
    }

    @Test
    void closedSourceRefusesPushesAndItsSubscribersEndAfterTheBufferedEvents() {
        try (LaminarDB db = Trades.database(null)) {
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            trades.push(trade(1));

            trades.close();
            db.start();

            assertThatThrownBy(() -> trades.push(trade(2)))
                    .isInstanceOf(SourceClosedException.class)
                    .hasMessageContaining("Source 'trades' is closed");
            assertThat(out.poll(WAIT)).isEqualTo(trade(1));
            assertThat(out.poll(WAIT)).isNull();
            assertThat(out.isClosed()).isTrue();
        }
    }

    static List<Long> range(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    static Schema schemaOf(LaminarDB db) {
        return db.sources().get(0).schema();
    }
}
