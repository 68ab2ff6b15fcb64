package io.laminardb.engine.durability;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.runtime.Engine;
import io.laminardb.engine.sink.SinkBinding;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.state.StateSnapshot;
import io.laminardb.engine.table.TableRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes checkpoints: every {@code checkpoint.interval} while the database runs, and once more when it closes.
 *
 * <p>A checkpoint holds the engine still ({@link Engine#whileStill}): the sources stop handing on new elements, the
 * rows already inside reach every operator, the engine threads park. With every table locked, it then reads each
 * source's position (the last element its state includes), each table's, where each log must be replayed from, and
 * the operator state into memory; then the engine goes on, and the checkpoint is written to disk while it runs. Once
 * written, older checkpoints beyond {@code checkpoint.retained} are deleted, and the log segments that no kept
 * checkpoint needs.
 */
public final class Checkpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    /** Reads the operator state while the engine is still. */
    @FunctionalInterface
    public interface StateCapture {
        StateSnapshot capture();
    }

    /** What a checkpoint took and how long. */
    public record Taken(CheckpointManifest manifest, Duration pause, Duration total) {}

    private final LaminarConfig config;
    private final Durability durability;
    private final Engine engine;
    private final Object catalogLock;
    private final Supplier<List<SourceRuntime>> sources;
    private final Supplier<List<TableRuntime>> tables;
    private final StateCapture state;
    private final Supplier<List<SinkBinding>> sinks;
    private final CheckpointStore store;
    private volatile java.util.function.Consumer<CheckpointManifest> afterCheckpoint = manifest -> {};
    private ScheduledExecutorService scheduler;
    private volatile Taken last;
    private volatile long failures;
    private volatile long taken;
    private volatile long totalNanos;
    private volatile long lastBytes;

    public Checkpointer(
            LaminarConfig config,
            Durability durability,
            Engine engine,
            Object catalogLock,
            Supplier<List<SourceRuntime>> sources,
            Supplier<List<TableRuntime>> tables,
            Supplier<List<SinkBinding>> sinks,
            StateCapture state) {
        this.sinks = sinks;
        this.config = config;
        this.durability = durability;
        this.engine = engine;
        this.catalogLock = catalogLock;
        this.sources = sources;
        this.tables = tables;
        this.state = state;
        this.store = durability.checkpoints();
    }

    /** Told each checkpoint once it is on disk and the sinks committed: connectors record their positions then. */
    public void onCheckpoint(java.util.function.Consumer<CheckpointManifest> listener) {
        this.afterCheckpoint = listener;
    }

    /** Starts taking a checkpoint every {@code checkpoint.interval}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "laminar-checkpoint");
            t.setDaemon(true);
            return t;
        });
        long every = config.checkpointInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            failures++;
            log.warn("Checkpoint failed; the log still holds everything since the last one", e);
        }
    }

    /**
     * Takes a checkpoint now.
     *
     * @return what was taken; empty when the engine did not come still in time (a subscriber that does not read holds
     *     an engine thread), which is logged and retried at the next interval
     */
    public synchronized Optional<Taken> checkpoint() {
        // The catalog first, then the engine: a statement holding the catalog may wait for an engine thread.
        synchronized (catalogLock) {
            return checkpointLocked();
        }
    }

    private Optional<Taken> checkpointLocked() {
        long started = System.nanoTime();
        long id = Math.max(store.lastId(), durability.lastCheckpointId()) + 1;
        Map<Integer, Long> previous = durability.replayFrom();
        CheckpointManifest[] manifest = new CheckpointManifest[1];
        StateSnapshot[] captured = new StateSnapshot[1];
        long[] pauseNanos = new long[1];
        List<TableRuntime> tableList = tables.get();
        boolean[] tableBusy = new boolean[1];
        boolean still;
        long deadline =
                System.nanoTime() + config.checkpointInterval().multipliedBy(2).toNanos();
        do {
            tableBusy[0] = false;
            still = engine.whileStill(
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    () -> withTablesLocked(tableList, 0, () -> {
                        // A statement changed a table after the engine came still: its change has not reached the
                        // queries yet, while the table's rows hold it. Let it through and try again.
                        if (tableList.stream().anyMatch(TableRuntime::hasPending)) {
                            tableBusy[0] = true;
                            return;
                        }
                        long pauseStarted = System.nanoTime();
                        Map<String, Long> sourceSeqs = new HashMap<>();
                        Map<String, byte[]> positions = new HashMap<>();
                        Map<Integer, Long> replayFrom = new HashMap<>(durability.endPositions());
                        for (SourceRuntime source : sources.get()) {
                            sourceSeqs.put(source.name(), source.consumedSeq());
                            byte[] position = source.consumedPosition();
                            if (position != null) {
                                positions.put(source.name(), position);
                            }
                            int core = durability.coreOf(source);
                            if (core >= 0) {
                                long from = source.replayFrom(previous.getOrDefault(core, 0L));
                                replayFrom.merge(core, from, Math::min);
                            }
                        }
                        Map<String, Long> tableOrders = new HashMap<>();
                        long order = durability.order();
                        for (TableRuntime table : tableList) {
                            tableOrders.put(table.name(), order);
                        }
                        captured[0] = state.capture();
                        // The first phase of each sink's commit: every row up to here has reached it.
                        Map<String, byte[]> sinkHandles = new HashMap<>();
                        for (SinkBinding sink : sinks.get()) {
                            sinkHandles.put(sink.key(), sink.preCommit(id));
                        }
                        manifest[0] = new CheckpointManifest(
                                id,
                                System.currentTimeMillis(),
                                order,
                                sourceSeqs,
                                tableOrders,
                                replayFrom,
                                durability.stateStoreName(),
                                sinkHandles,
                                positions);
                        pauseNanos[0] = System.nanoTime() - pauseStarted;
                    }));
        } while (still && tableBusy[0] && System.nanoTime() < deadline);
        still &= !tableBusy[0];
        if (!still) {
            failures++;
            log.warn(
                    "Checkpoint {} skipped: the engine did not come still within {} (is a subscriber not reading?)",
                    id,
                    config.checkpointInterval().multipliedBy(2));
            return Optional.empty();
        }
        CheckpointStore.Written written = store.write(manifest[0], captured[0], durability.stateStore());
        durability.checkpointed(written.manifest());
        commitSinks(written.manifest());
        afterCheckpoint.accept(written.manifest());
        store.retain(config.checkpointRetained());
        durability.deleteLogsNoCheckpointNeeds(store.manifests());
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        Taken result = new Taken(written.manifest(), Duration.ofNanos(pauseNanos[0]), total);
        last = result;
        taken++;
        totalNanos += total.toNanos();
        lastBytes = written.stateBytes();
        log.debug("Checkpoint {} taken in {} ms (engine held {} µs)", id, total.toMillis(), pauseNanos[0] / 1000);
        return Optional.of(result);
    }

    /** The second phase: the checkpoint is on disk, so each sink's transaction becomes visible. */
    private void commitSinks(CheckpointManifest manifest) {
        for (SinkBinding sink : sinks.get()) {
            byte[] handle = manifest.sinks().get(sink.key());
            if (handle == null) {
                continue;
            }
            try {
                sink.sink().commit(manifest.id(), handle);
            } catch (Exception e) {
                // Not lost: the next start hands the handle to recover(), which commits it.
                log.error(
                        "Sink {} could not commit checkpoint {}; it is committed at the next start",
                        sink.key(),
                        manifest.id(),
                        e);
            }
        }
    }

    /** Locks every table, one inside the other, so that no statement changes one while the checkpoint reads. */
    private static void withTablesLocked(List<TableRuntime> tables, int from, Runnable action) {
        if (from == tables.size()) {
            action.run();
            return;
        }
        synchronized (tables.get(from)) {
            withTablesLocked(tables, from + 1, action);
        }
    }

    /** The last checkpoint taken in this run, if any. */
    public Optional<Taken> last() {
        return Optional.ofNullable(last);
    }

    /** Checkpoints taken in this run. */
    public long taken() {
        return taken;
    }

    /** The time spent taking them, in total. */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /** The size of the newest checkpoint's state, in bytes. */
    public long lastBytes() {
        return lastBytes;
    }

    /** Checkpoints that failed or were skipped in this run. */
    public long failures() {
        return failures;
    }

    /** Stops the schedule; a checkpoint under way finishes first. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
