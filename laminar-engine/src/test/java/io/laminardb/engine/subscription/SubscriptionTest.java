package io.laminardb.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.SubscriptionClosedException;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.record.fixtures.FloatTrade;
import io.laminardb.engine.record.fixtures.LocalTrade;
import io.laminardb.engine.record.fixtures.PriceView;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a source through {@link Subscription}s: broadcast, shapes, backpressure, the end of a stream. */
class SubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-21T09:30:00Z");

    private LaminarDB db;
    private Source<Trade> trades;

    @BeforeEach
    void openDatabase() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute(
                "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3))");
        trades = db.source("trades", Trade.class);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void everySubscriberReceivesEveryRow() {
        Subscription<Trade> first = db.subscribe("trades", Trade.class);
        Subscription<Trade> second = db.subscribe("trades", Trade.class);
        db.start();

        for (int i = 0; i < 100; i++) {
            trades.push(trade(i));
        }

        assertThat(take(first, 100))
                .extracting(Trade::qty)
                .isEqualTo(take(second, 100).stream().map(Trade::qty).toList());
    }

    @Test
    void typedSubscriptionsMapColumnsByNameNotPosition() {
        Subscription<PriceView> prices = db.subscribe("trades", PriceView.class);
        db.start();

        trades.push(new Trade("AAPL", 190.5, 10, T0));

        assertThat(prices.poll(WAIT)).isEqualTo(new PriceView(190.5, "AAPL"));
    }

    @Test
    void recordsOfAnotherClassAreConvertedColumnByColumn() {
        Subscription<LocalTrade> local = db.subscribe("trades", LocalTrade.class);
        db.start();

        trades.push(new Trade("AAPL", 190.5, 10, T0));

        assertThat(local.poll(WAIT))
                .isEqualTo(new LocalTrade("AAPL", 190.5, 10L, LocalDateTime.of(2026, 11, 21, 9, 30)));
    }

    @Test
    void aMissingOrMistypedFieldFailsWhenSubscribingAndIsNamed() {
        assertThatThrownBy(() -> db.subscribe("trades", FloatTrade.class))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'price': FloatTrade has FLOAT NOT NULL, 'trades' has DOUBLE NOT NULL")
                .hasMessageContaining("field 'venue' of FloatTrade has no column in 'trades'");
    }

    @Test
    void untypedRowsCarryEveryColumnInSqlForm() {
        Subscription<Row> rows = db.subscribe("trades");
        db.start();

        trades.push(new Trade("AAPL", 190.5, 10, T0));

        Row row = rows.poll(WAIT);
        assertThat(row.toMap())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("symbol", "AAPL"),
                        org.assertj.core.api.Assertions.entry("price", 190.5),
                        org.assertj.core.api.Assertions.entry("qty", 10L),
                        org.assertj.core.api.Assertions.entry("ts", T0));
        assertThat(row.getLong("QTY")).isEqualTo(10L);
    }

    @Test
    void changesOfASourceAreInserts() {
        Subscription<ChangeEvent<Trade>> changes = db.subscribeChanges("trades", Trade.class);
        db.start();

        trades.push(trade(1));

        ChangeEvent<Trade> change = changes.poll(WAIT);
        assertThat(change.op()).isEqualTo(ChangeEvent.Op.INSERT);
        assertThat(change.weight()).isEqualTo(1);
        assertThat(change.value()).isEqualTo(trade(1));
    }

    @Test
    void pollBatchReturnsBufferedRowsAsOneArrowBatch() {
        Subscription<Trade> out = db.subscribe("trades", Trade.class);
        Subscription<Row> rows = db.subscribe("trades");
        for (int i = 0; i < 10; i++) {
            trades.push(trade(i));
        }
        db.shutdown(); // hands everything on

        try (VectorSchemaRoot typed = out.pollBatch();
                VectorSchemaRoot untyped = rows.pollBatch()) {
            assertThat(typed.getRowCount()).isEqualTo(10);
            assertThat(untyped.getRowCount()).isEqualTo(10);
            assertThat(typed.getVector("qty").getObject(9)).isEqualTo(9L);
            assertThat(untyped.getVector("symbol").getObject(0).toString()).isEqualTo("AAPL");
        }
        assertThat(out.pollBatch()).isNull();
    }

    @Test
    void aSlowSubscriberThatDropsLosesOnlyItsOwnRowsAndCountsThem() {
        Subscription<Trade> dropping =
                db.subscribe("trades", Trade.class, new SubscriptionConfig(4, Backpressure.DROP_OLDEST));
        Subscription<Trade> keeping = db.subscribe("trades", Trade.class);
        db.start();

        for (int i = 0; i < 100; i++) {
            trades.push(trade(i));
        }

        assertThat(take(keeping, 100)).hasSize(100);
        List<Trade> kept = new ArrayList<>();
        dropping.drainTo(kept, 100);
        assertThat(kept).extracting(Trade::qty).containsExactly(96L, 97L, 98L, 99L);
        assertThat(dropping.dropped()).isEqualTo(96);
    }

    @Test
    void aSlowBlockingSubscriberBackpressuresTheSource() throws InterruptedException {
        Subscription<Trade> slow = db.subscribe("trades", Trade.class, new SubscriptionConfig(4, Backpressure.BLOCK));
        db.start();

        for (int i = 0; i < 8; i++) { // 4 in the subscriber's buffer, 1 held by the engine, 3 in the source
            trades.push(trade(i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.sourceMetrics("trades").orElseThrow().pending() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(db.sourceMetrics("trades").orElseThrow().pending()).isGreaterThanOrEqualTo(3);
        assertThat(take(slow, 8)).extracting(Trade::qty).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aBlockedSubscriberHoldsBackOnlyItsOwnSourceNotOthersOnTheSameEngineThread() {
        db.execute("CREATE SOURCE quotes (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
                + " ts TIMESTAMP(3))");
        Subscription<Trade> slow = db.subscribe("trades", Trade.class, new SubscriptionConfig(4, Backpressure.BLOCK));
        Subscription<Trade> other = db.subscribe("quotes", Trade.class);
        Source<Trade> quotes = db.source("quotes", Trade.class);
        db.start();

        for (int i = 0; i < 8; i++) { // more than the slow subscriber buffers: the engine thread waits on it
            trades.push(trade(i));
        }
        for (int i = 0; i < 100; i++) {
            quotes.push(trade(i));
        }

        assertThat(take(other, 100)).hasSize(100);
        assertThat(take(slow, 8)).extracting(Trade::qty).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void iteratorAndStreamEndWhenTheSourceIsClosed() {
        Subscription<Trade> out = db.subscribe("trades", Trade.class);
        db.start();
        for (int i = 0; i < 5; i++) {
            trades.push(trade(i));
        }
        trades.close();

        assertThat(out.stream().map(Trade::qty).toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThatThrownBy(out::take).isInstanceOf(SubscriptionClosedException.class);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        Subscription<Trade> out = db.subscribe("trades", Trade.class);
        Subscription<Trade> other = db.subscribe("trades", Trade.class);
        db.start();
        out.close();

        trades.push(trade(1));

        assertThat(other.poll(WAIT)).isEqualTo(trade(1));
        assertThat(out.poll()).isNull();
        assertThat(out.isClosed()).isTrue();
    }

    private static Trade trade(int i) {
        return new Trade(i % 2 == 0 ? "AAPL" : "MSFT", 100 + i, i, T0.plusMillis(i));
    }

    private static <T> List<T> take(Subscription<T> subscription, int n) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T next = subscription.poll(WAIT);
            assertThat(next).as("row %d of %d", i, n).isNotNull();
            out.add(next);
        }
        return out;
    }
}
