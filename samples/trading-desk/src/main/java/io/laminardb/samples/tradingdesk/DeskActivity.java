package io.laminardb.samples.tradingdesk;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** What the sinks have seen so far: counted, for the sample's test and anyone curious. */
@Component
public class DeskActivity {

    private final AtomicLong bars = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();

    void bars(int n) {
        bars.addAndGet(n);
    }

    private volatile Alert lastAlert;

    void alert(Alert alert) {
        lastAlert = alert;
        alerts.incrementAndGet();
    }

    /** The newest alert, or null before the first. */
    public Alert lastAlert() {
        return lastAlert;
    }

    public long bars() {
        return bars.get();
    }

    public long alerts() {
        return alerts.get();
    }
}
