package io.laminardb.samples.tradingdesk;

import io.laminardb.annotations.LaminarSink;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where the desk's results arrive: each method runs on a thread of its own, fed by its stream. */
@Component
public class DeskSinks {

    private static final Logger log = LoggerFactory.getLogger(DeskSinks.class);

    private final DeskActivity activity;

    public DeskSinks(DeskActivity activity) {
        this.activity = activity;
    }

    /** The bars of one second arrive together, one list per call (or more for a busy second). */
    @LaminarSink("bars")
    void onBars(List<Bar> bars) {
        for (Bar bar : bars) {
            log.info(
                    "bar   {} {} open {} high {} low {} close {} volume {} vwap {}",
                    bar.start(),
                    bar.symbol(),
                    bar.open(),
                    bar.high(),
                    bar.low(),
                    bar.close(),
                    bar.volume(),
                    String.format("%.2f", bar.vwap()));
        }
        activity.bars(bars.size());
    }

    @LaminarSink("large_trades")
    void onLargeTrade(Alert alert) {
        log.warn(
                "ALERT {} ({}, {}) {} @ {} at {}",
                alert.symbol(),
                alert.name(),
                alert.sector(),
                alert.qty(),
                alert.price(),
                alert.ts());
        activity.alert(alert);
    }
}
