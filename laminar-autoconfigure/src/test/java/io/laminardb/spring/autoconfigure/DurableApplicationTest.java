package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An application with {@code laminar.data-dir}: what it pushed is there after the application restarts. */
class DurableApplicationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
                .withPropertyValues(
                        "laminar.cores=1",
                        "laminar.schema-locations=classpath:laminar/trades.sql",
                        "laminar.data-dir=" + dataDir,
                        "laminar.wal.mode=sync",
                        "laminar.checkpoint.state-backend=memory");
    }

    @Test
    void aViewKeepsItsContentsAcrossARestartOfTheApplication() {
        runner().run(context -> {
            LaminarDB db = context.getBean(LaminarDB.class);
            Source<Trade> trades = db.source("trades", Trade.class);
            trades.push(Trade.of("AAPL", 10, 100));
            trades.push(Trade.of("MSFT", 20, 5));
            trades.push(Trade.of("AAPL", 11, 50));
            awaitVolume(db, List.of("AAPL|150", "MSFT|5"));
        }); // closing the context drains, checkpoints and stops
        runner().run(context -> {
            LaminarDB db = context.getBean(LaminarDB.class);
            assertThat(volume(db)).containsExactly("AAPL|150", "MSFT|5");
            assertThat(db.durabilityMetrics().orElseThrow().lastCheckpointId()).isPositive();
            db.source("trades", Trade.class).push(Trade.of("MSFT", 21, 1));
            awaitVolume(db, List.of("AAPL|150", "MSFT|6"));
        });
    }

    private static void awaitVolume(LaminarDB db, List<String> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!volume(db).equals(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(volume(db)).isEqualTo(expected);
    }

    private static List<String> volume(LaminarDB db) {
        return db.query("SELECT symbol, total FROM volume ORDER BY symbol").rows().stream()
                .map((Row r) -> r.get(0) + "|" + r.get(1))
                .toList();
    }
}
