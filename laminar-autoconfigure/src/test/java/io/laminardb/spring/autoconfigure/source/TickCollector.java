package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Subscription;
import io.laminardb.spring.autoconfigure.PipelineAttachment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscribes to {@code ticks} before the pipeline starts, so that it sees every event a source method pushes, even one
 * pushed before a test could subscribe.
 */
final class TickCollector implements PipelineAttachment {

    private volatile Subscription<Tick> ticks;

    @Override
    public void attach(LaminarDB db) {
        ticks = db.subscribe("ticks", Tick.class);
    }

    /** The next {@code count} ticks, failing if they do not all come within five seconds. */
    List<Tick> take(int count) {
        List<Tick> taken = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (taken.size() < count && System.nanoTime() < deadline) {
            Tick tick = ticks.poll(Duration.ofMillis(50));
            if (tick != null) {
                taken.add(tick);
            }
        }
        assertThat(taken).as("ticks received within 5 s").hasSize(count);
        return taken;
    }

    /** Sequence numbers of the next {@code count} ticks. */
    List<Long> takeSeqs(int count) {
        return take(count).stream().map(Tick::seq).toList();
    }
}
