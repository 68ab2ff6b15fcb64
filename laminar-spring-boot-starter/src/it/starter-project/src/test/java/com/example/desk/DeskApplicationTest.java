package com.example.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class DeskApplicationTest {

    @Autowired
    Desk desk;

    @Test
    void aLargeTradePushedThroughTheInjectedSourceReachesTheSinkMethod() throws InterruptedException {
        desk.onTrade(new Trade("AAPL", 190.0, 100, Instant.now()));
        desk.onTrade(new Trade("MSFT", 410.0, 7_500, Instant.now()));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (desk.alerts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(desk.alerts).extracting(Trade::symbol).containsExactly("MSFT");
    }
}
