package io.laminardb.engine.source;

import static io.laminardb.engine.source.Trades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceClosedException;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.Topology;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start, shutdown and close, and the metrics and topology along the way. */
class LifecycleTest {

    @Test
    void pushesBeforeStartWaitInTheBufferAndFlowOnStart() {
        try (LaminarDB db = Trades.database(null)) {
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            for (int i = 0; i < 3; i++) {
                trades.push(trade(i));
            }
            assertThat(db.pipelineState()).isEqualTo(PipelineState.CREATED);
            assertThat(db.sourceMetrics("trades").orElseThrow().pending()).isEqualTo(3);
            assertThat(out.poll()).isNull();

            db.start();

            assertThat(db.pipelineState()).isEqualTo(PipelineState.RUNNING);
            assertThat(out.poll(Duration.ofSeconds(10))).isEqualTo(trade(0));
        }
    }

    @Test
    void shutdownHandsOnEverythingBufferedThenEndsSubscriptionsAndRefusesPushes() {
        LaminarDB db = Trades.database("buffer_size = 1024");
        Source<Trade> trades = db.source("trades", Trade.class);
        Subscription<Trade> out = db.subscribe("trades", Trade.class);
        db.start();
        for (int i = 0; i < 1_000; i++) {
            trades.push(trade(i));
        }

        db.shutdown();

        assertThat(db.pipelineState()).isEqualTo(PipelineState.STOPPED);
        List<Trade> received = new ArrayList<>();
        out.drainTo(received, 2_000);
        assertThat(received).hasSize(1_000);
        assertThat(out.isClosed()).isTrue();
        assertThatThrownBy(() -> trades.push(trade(0))).isInstanceOf(SourceClosedException.class);
        assertThatThrownBy(() -> db.execute("CREATE SOURCE x (id BIGINT)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The database is stopped");
        db.close();
    }

    @Test
    void metricsCountWhatWasIngestedAndEmitted() {
        try (LaminarDB db = Trades.database(null)) {
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> first = db.subscribe("trades", Trade.class);
            Subscription<Trade> second = db.subscribe("trades", Trade.class);
            db.start();
            for (int i = 0; i < 10; i++) {
                trades.push(trade(i));
            }
            for (int i = 0; i < 10; i++) {
                first.poll(Duration.ofSeconds(10));
                second.poll(Duration.ofSeconds(10));
            }

            SourceMetrics source = db.sourceMetrics("trades").orElseThrow();
            assertThat(source.totalEvents()).isEqualTo(10);
            assertThat(source.pending()).isZero();
            assertThat(source.capacity()).isEqualTo(65_536);
            assertThat(source.producerCount()).isEqualTo(1);
            assertThat(db.allSourceMetrics())
                    .containsExactly(db.sourceMetrics("trades").orElseThrow());
            PipelineMetrics pipeline = db.metrics();
            assertThat(pipeline.state()).isEqualTo(PipelineState.RUNNING);
            assertThat(pipeline.totalEventsIngested()).isEqualTo(10);
            assertThat(pipeline.totalEventsEmitted()).isEqualTo(20);
            assertThat(pipeline.sources()).isEqualTo(1);
            assertThat(pipeline.subscriptions()).isEqualTo(2);
            assertThat(pipeline.cores()).isEqualTo(1);
            assertThat(db.sourceMetrics("nope")).isEmpty();
        }
    }

    @Test
    void topologyListsTheSources() {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(2).build())) {
            db.execute("CREATE SOURCE a (id BIGINT); CREATE SOURCE b (id BIGINT)");

            assertThat(db.topology().nodes())
                    .containsExactly(
                            new Topology.Node(Topology.NodeType.SOURCE, "a"),
                            new Topology.Node(Topology.NodeType.SOURCE, "b"));
            assertThat(db.topology().edges()).isEmpty();
        }
    }

    @Test
    void withCpuAffinityEngineThreadsArePinnedWhereTheSystemAllowsAndEventsFlow() {
        try (LaminarDB db = LaminarDB.open(
                LaminarConfig.builder().cores(1).cpuAffinity(true).build())) {
            db.execute(Trades.DDL);
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            db.start();

            trades.push(trade(1));

            assertThat(out.poll(Duration.ofSeconds(10))).isEqualTo(trade(1));
        }
    }
}
