package io.laminardb.spring.autoconfigure.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.Trade;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** What happens when a sink method throws, under each {@code error-policy}. */
class SinkErrorPolicyTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/trades.sql")
            .withUserConfiguration(FailsOnOddQuantities.class);

    @Test
    void logSkipsTheFailedRowCountsItAndGoesOn() {
        runner.run(context -> {
            push(context.getBean(LaminarDB.class), 1_000, 1_001, 1_002);

            FailsOnOddQuantities sink = context.getBean(FailsOnOddQuantities.class);
            assertThat(take(sink.accepted, 2)).containsExactly(1_000L, 1_002L);
            SinkInfo info = awaitCounted(context.getBean(LaminarSinks.class), 3);
            assertThat(info.state()).isEqualTo(SinkInfo.State.RUNNING);
            assertThat(info.rows()).isEqualTo(2);
            assertThat(info.failedRows()).isEqualTo(1);
            assertThat(info.lastError()).hasValue("java.lang.IllegalArgumentException: odd quantity 1001");
        });
    }

    @Test
    void stopEndsTheSinkAtItsFirstFailure() {
        runner.withPropertyValues("laminar.sinks.large_trades.error-policy=stop")
                .run(context -> {
                    push(context.getBean(LaminarDB.class), 1_000, 1_001, 1_002);

                    LaminarSinks sinks = context.getBean(LaminarSinks.class);
                    SinkInfo info = awaitCounted(sinks, 2);
                    assertThat(info.state()).isEqualTo(SinkInfo.State.STOPPED);
                    assertThat(info.rows()).isEqualTo(1);
                    assertThat(info.failedRows()).isEqualTo(1);
                    assertThat(context.getBean(FailsOnOddQuantities.class).accepted)
                            .containsExactly(1_000L);
                });
    }

    @Test
    void deadLetterPutsTheFailedRowAndItsErrorIntoTheDeadLetterSource() {
        runner.withPropertyValues("laminar.sink-defaults.error-policy=dead-letter")
                .run(context -> {
                    LaminarDB db = context.getBean(LaminarDB.class);
                    try (var letters = db.subscribe("laminar_dead_letters")) {
                        push(db, 1_000, 1_001, 1_002);

                        Row letter = letters.poll(Duration.ofSeconds(10));
                        assertThat(letter).isNotNull();
                        assertThat(letter.getString("sink")).isEqualTo("FailsOnOddQuantities.onTrade");
                        assertThat(letter.getString("stream_name")).isEqualTo("large_trades");
                        assertThat(letter.getString("row_text")).contains("qty=1001");
                        assertThat(letter.getString("error")).contains("odd quantity 1001");
                        assertThat(letter.getInstant("failed_at")).isNotNull();
                    }
                    SinkInfo info = awaitCounted(context.getBean(LaminarSinks.class), 3);
                    assertThat(info.deadLetteredRows()).isEqualTo(1);
                    assertThat(info.state()).isEqualTo(SinkInfo.State.RUNNING);
                });
    }

    private static void push(LaminarDB db, long... quantities) {
        Source<Trade> trades = db.source("trades", Trade.class);
        for (long qty : quantities) {
            trades.push(Trade.of("AAPL", 1.0, qty));
        }
    }

    private static SinkInfo awaitCounted(LaminarSinks sinks, long calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        SinkInfo info = sinks.sinks().get(0);
        while (info.rows() + info.failedRows() < calls && System.nanoTime() < deadline) {
            Thread.sleep(5);
            info = sinks.sinks().get(0);
        }
        return info;
    }

    private static java.util.List<Long> take(BlockingQueue<Long> queue, int n) throws InterruptedException {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long next = queue.poll(10, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            out.add(next);
        }
        return out;
    }

    @Configuration(proxyBeanMethods = false)
    static class FailsOnOddQuantities {
        final BlockingQueue<Long> accepted = new LinkedBlockingQueue<>();

        @LaminarSink("large_trades")
        void onTrade(Trade trade) {
            if (trade.qty() % 2 == 1) {
                throw new IllegalArgumentException("odd quantity " + trade.qty());
            }
            accepted.add(trade.qty());
        }
    }
}
