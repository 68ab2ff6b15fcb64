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

    void alert() {
        alerts.incrementAndGet();
    }

    public long bars() {
        return bars.get();
    }

    public long alerts() {
        return alerts.get();
    }
}
