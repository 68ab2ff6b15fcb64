package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.SourceInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link LaminarDB} pipeline once the application context is refreshed and stops it gracefully when the
 * context closes: producers stop, every buffered event is processed, and the sink methods receive the last rows before
 * the engine's threads end.
 *
 * <p>It runs in an early phase ({@link #PHASE}): the pipeline is up before a web server accepts requests, and still up
 * until the web server has stopped taking them.
 */
public final class LaminarLifecycle implements SmartLifecycle {

    /** Starts before, and stops after, the embedded web server and most other lifecycle beans. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(LaminarLifecycle.class);

    private final LaminarDB db;
    private final List<PipelineAttachment> attachments;
    private final LaminarProperties properties;
    private volatile boolean running;

    public LaminarLifecycle(LaminarDB db, List<PipelineAttachment> attachments, LaminarProperties properties) {
        this.db = db;
        this.attachments = List.copyOf(attachments);
        this.properties = properties;
    }

    @Override
    public void start() {
        checkConfiguredSourcesExist();
        for (PipelineAttachment attachment : attachments) {
            attachment.attach(db);
        }
        db.start();
        running = true;
        for (PipelineAttachment attachment : attachments) {
            attachment.started(db);
        }
        log.info(
                "LaminarDB started: {} source(s), {} stream(s), {} materialized view(s), {} engine thread(s)",
                db.sources().size(),
                db.streams().size(),
                db.materializedViews().size(),
                db.metrics().cores());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        Duration timeout = properties.getShutdownTimeout();
        for (PipelineAttachment attachment : attachments) {
            attachment.stopping(timeout);
        }
        db.shutdown();
        for (PipelineAttachment attachment : attachments) {
            attachment.drain(timeout);
        }
        log.info("LaminarDB stopped: {} event(s) ingested", db.metrics().totalEventsIngested());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** A {@code laminar.sources.<name>} entry for a source no script creates is a typo: say so rather than ignore it. */
    private void checkConfiguredSourcesExist() {
        Set<String> known = db.sources().stream()
                .map(SourceInfo::name)
                .collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
        for (String configured : properties.getSources().keySet()) {
            if (!known.contains(configured)) {
                throw new IllegalStateException("laminar.sources." + configured + " is set, but there is no source '"
                        + configured + "'. Sources: " + (known.isEmpty() ? "none" : String.join(", ", known))
                        + ". Fix the name, or create the source in schema.sql.");
            }
        }
    }
}
