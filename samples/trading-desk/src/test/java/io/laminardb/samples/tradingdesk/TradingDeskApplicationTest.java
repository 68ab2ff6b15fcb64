package io.laminardb.samples.tradingdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole sample: the feed pushes through the injected source, the sinks receive bars and alerts, Actuator answers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "trading-desk.trades-per-second=20000")
class TradingDeskApplicationTest {

    @Autowired
    DeskActivity activity;

    @Autowired
    LaminarDB db;

    @LocalServerPort
    int port;

    @Test
    void barsAndAlertsReachTheSinkMethodsWithinSeconds() {
        awaitTrue(() -> activity.bars() >= 5, "five bars");
        awaitTrue(() -> activity.alerts() >= 1, "an alert");
        // The alert stream looks the instrument up in the reference table.
        assertThat(activity.lastAlert().name()).isIn("Apple", "Microsoft", "NVIDIA", "Amazon", "Alphabet");
        assertThat(activity.lastAlert().sector()).isNotBlank();
    }

    @Test
    void theMaterializedViewCountsTheTradesPerSymbol() {
        awaitTrue(() -> db.query("SELECT * FROM volume_by_symbol").rows().size() == 5, "five symbols");
        for (Row row :
                db.query("SELECT symbol, trades, volume FROM volume_by_symbol").rows()) {
            assertThat(row.getLong("trades")).isPositive();
            assertThat(row.getLong("volume")).isGreaterThanOrEqualTo(row.getLong("trades"));
        }
    }

    @Test
    void healthIsUpOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theLaminarEndpointDescribesThePipelineOverHttp() throws Exception {
        awaitTrue(() -> activity.bars() >= 1, "a bar");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/laminar"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"trades\"", "\"bars\"", "\"large_trades\"", "\"volume_by_symbol\"")
                .contains("DeskSinks.onBars", "DeskSinks.onLargeTrade");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
