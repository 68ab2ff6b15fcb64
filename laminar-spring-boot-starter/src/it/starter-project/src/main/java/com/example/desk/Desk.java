package com.example.desk;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.Source;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The getting-started example of docs/spring-boot.md. */
@Component
public class Desk {

    private final Source<Trade> trades;
    final List<Trade> alerts = new CopyOnWriteArrayList<>();

    public Desk(Source<Trade> trades) {
        this.trades = trades;
    }

    public void onTrade(Trade trade) {
        trades.push(trade);
    }

    @LaminarSink("large_trades")
    void alert(Trade trade) {
        alerts.add(trade);
    }
}
