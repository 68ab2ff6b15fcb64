package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceMetrics;

/**
 * A started database with one engine thread and the {@code trades} source, with no subscriber: the engine thread
 * drains the channel, reads each event's time and counts it.
 *
 * <p>Opened and closed by a benchmark's setup and tear-down; nothing here pushes, so the first producer to push is a
 * benchmark thread and the channel's single-producer owner is the thread being measured.
 */
final class LaminarTrades implements AutoCloseable {

    final LaminarDB db;
    final Source<BenchTrade> source;

    LaminarTrades() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute(Trades.CREATE_SOURCE);
        db.start();
        source = db.source(Trades.SOURCE, BenchTrade.class);
    }

    /** Elements in the channel that the engine thread has not taken yet. */
    long pending() {
        return metrics().pending();
    }

    SourceMetrics metrics() {
        return db.sourceMetrics(Trades.SOURCE).orElseThrow();
    }

    /**
     * Checks that the channel was in the mode the benchmark meant to measure, so that a figure never silently measures
     * the other one.
     */
    void expectMpsc(boolean mpsc) {
        if (source.isMpsc() != mpsc) {
            throw new IllegalStateException("The channel was " + (source.isMpsc() ? "multi" : "single")
                    + "-producer; this benchmark measures the " + (mpsc ? "multi" : "single") + "-producer channel");
        }
    }

    /** Hands on what is buffered and stops the engine. */
    @Override
    public void close() {
        db.close();
    }
}
