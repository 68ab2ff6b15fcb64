package io.laminardb.spring.autoconfigure.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.Quote;
import io.laminardb.spring.autoconfigure.Trade;
import io.laminardb.spring.autoconfigure.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code @LaminarSink} methods in each parameter shape, their threads and their start-up errors. */
class LaminarSinkTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/trades.sql");

    @Test
    void eachParameterShapeReceivesTheRowsOfItsStream() {
        runner.withUserConfiguration(EveryShape.class).run(context -> {
            @SuppressWarnings("unchecked")
            Source<Trade> trades = context.getBean(LaminarDB.class).source("trades", Trade.class);
            trades.push(Trade.of("AAPL", 190.0, 5_000));
            trades.push(Trade.of("MSFT", 410.0, 10));
            trades.push(Trade.of("AAPL", 191.0, 2_000));

            EveryShape sinks = context.getBean(EveryShape.class);
            assertThat(take(sinks.records, 2)).extracting(Trade::qty).containsExactly(5_000L, 2_000L);
            assertThat(take(sinks.rows, 2)).extracting(r -> r.getLong("qty")).containsExactly(5_000L, 2_000L);
            assertThat(takeAll(sinks.batches, 3)).extracting(Trade::symbol).containsExactly("AAPL", "MSFT", "AAPL");
            assertThat(take(sinks.arrowRows, 3)).containsExactly("AAPL", "MSFT", "AAPL");
            // The view's changes: AAPL 5000, MSFT 10, then AAPL's update as a retraction and the new total.
            assertThat(take(sinks.changes, 4))
                    .extracting(c ->
                            c.op() + " " + c.value().symbol() + " " + c.value().total())
                    .containsExactly(
                            "INSERT AAPL 5000", "INSERT MSFT 10", "UPDATE_BEFORE AAPL 5000", "UPDATE_AFTER AAPL 7000");
        });
    }

    @Test
    void aSlowSinkSlowsItsStreamWithoutBlockingOtherSinks() {
        runner.withPropertyValues(
                        "laminar.sinks.large_trades.buffer-size=4",
                        "laminar.schema-locations=classpath:laminar/trades.sql,classpath:laminar/quotes.sql")
                .withUserConfiguration(SlowAndFast.class)
                .run(context -> {
                    SlowAndFast sinks = context.getBean(SlowAndFast.class);
                    LaminarDB db = context.getBean(LaminarDB.class);
                    Source<Trade> trades = db.source("trades", Trade.class);
                    Source<Quote> quotes = db.source("quotes", Quote.class);
                    for (int i = 0; i < 100; i++) {
                        trades.push(Trade.of("AAPL", 1.0, 1_000 + i));
                    }
                    for (int i = 0; i < 100; i++) {
                        quotes.push(new Quote("AAPL", i));
                    }
                    // The slow sink holds its first row and backpressures the trades; the quotes, on the same engine
                    // thread, still reach their sink.
                    assertThat(take(sinks.fast, 100)).hasSize(100);
                    assertThat(sinks.slowReceived).hasSize(1);
                    sinks.release.countDown();
                    assertThat(take(sinks.slow, 99)).hasSize(99);
                });
    }

    @Test
    void rowsPushedBeforeShutdownReachTheSinkBeforeTheContextCloses() {
        List<Trade> received = new CopyOnWriteArrayList<>();
        runner.withBean(Collector.class, () -> new Collector(received)).run(context -> {
            Source<Trade> trades = context.getBean(LaminarDB.class).source("trades", Trade.class);
            for (int i = 0; i < 10_000; i++) {
                trades.push(Trade.of("AAPL", 1.0, 1_000 + i));
            }
        });
        assertThat(received).hasSize(10_000);
    }

    @Test
    void aMethodWithTwoParametersFailsStartUpNamingBeanAndMethod() {
        runner.withUserConfiguration(TwoParameters.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("@LaminarSink method TwoParameters.onTrade of bean")
                        .hasMessageContaining("it takes 2 parameters, not one")
                        .hasMessageContaining("List<T>, ChangeEvent<T> or VectorSchemaRoot"));
    }

    @Test
    void aListWithoutRowTypeFailsStartUp() {
        runner.withUserConfiguration(RawList.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("RawList.onTrades")
                        .hasMessageContaining("does not say the row type; use List<Trade>"));
    }

    @Test
    void aSinkOnAStreamThatDoesNotExistFailsStartUp() {
        runner.withUserConfiguration(UnknownStream.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("@LaminarSink(\"larg_trades\") on UnknownStream.onTrade")
                        .hasStackTraceContaining("No source, table, stream or view named 'larg_trades'"));
    }

    @Test
    void aRecordThatDoesNotFitTheStreamFailsStartUp() {
        runner.withUserConfiguration(MismatchedRecord.class)
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("total"));
    }

    private static <T> List<T> take(BlockingQueue<T> queue, int n) throws InterruptedException {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T next = queue.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("row %d of %d", i + 1, n).isNotNull();
            out.add(next);
        }
        return out;
    }

    private static <T> List<T> takeAll(BlockingQueue<List<T>> batches, int n) throws InterruptedException {
        List<T> out = new ArrayList<>();
        while (out.size() < n) {
            List<T> next = batches.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a batch after %d rows of %d", out.size(), n).isNotNull();
            out.addAll(next);
        }
        return out;
    }

    @Configuration(proxyBeanMethods = false)
    static class EveryShape {
        final BlockingQueue<Trade> records = new LinkedBlockingQueue<>();
        final BlockingQueue<Row> rows = new LinkedBlockingQueue<>();
        final BlockingQueue<List<Trade>> batches = new LinkedBlockingQueue<>();
        final BlockingQueue<String> arrowRows = new LinkedBlockingQueue<>();
        final BlockingQueue<ChangeEvent<Volume>> changes = new LinkedBlockingQueue<>();

        @LaminarSink("large_trades")
        void onLargeTrade(Trade trade) {
            records.add(trade);
        }

        @LaminarSink("large_trades")
        void onLargeTradeRow(Row row) {
            rows.add(row);
        }

        @LaminarSink("trades")
        void onTrades(List<Trade> trades) {
            batches.add(trades);
        }

        @LaminarSink("trades")
        void onTradeBatch(VectorSchemaRoot batch) {
            var symbols = (org.apache.arrow.vector.VarCharVector) batch.getVector("symbol");
            for (int i = 0; i < batch.getRowCount(); i++) {
                arrowRows.add(symbols.getObject(i).toString());
            }
        }

        @LaminarSink("volume")
        void onVolume(ChangeEvent<Volume> change) {
            changes.add(change);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowAndFast {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Trade> slowReceived = new CopyOnWriteArrayList<>();
        final BlockingQueue<Trade> slow = new LinkedBlockingQueue<>();
        final BlockingQueue<Quote> fast = new LinkedBlockingQueue<>();

        @LaminarSink("large_trades")
        void slow(Trade trade) throws InterruptedException {
            if (slowReceived.isEmpty()) {
                slowReceived.add(trade);
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            slow.add(trade);
        }

        @LaminarSink("quotes")
        void fast(Quote quote) {
            fast.add(quote);
        }
    }

    static class Collector {
        private final List<Trade> received;

        Collector(List<Trade> received) {
            this.received = received;
        }

        @LaminarSink("large_trades")
        void onTrade(Trade trade) {
            received.add(trade);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoParameters {
        @LaminarSink("large_trades")
        void onTrade(Trade trade, String extra) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class RawList {
        @LaminarSink("large_trades")
        @SuppressWarnings("rawtypes")
        void onTrades(List trades) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class UnknownStream {
        @LaminarSink("larg_trades")
        void onTrade(Trade trade) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class MismatchedRecord {
        @LaminarSink("large_trades")
        void onTrade(Volume volume) {}
    }
}
