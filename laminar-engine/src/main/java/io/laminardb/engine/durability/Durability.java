package io.laminardb.engine.durability;

import io.laminardb.engine.DurabilityException;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.WalMode;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.state.StateSnapshot;
import io.laminardb.engine.table.TableRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable side of a database with a data directory: the directory and its lock, one write-ahead log per engine
 * thread, the counters records are numbered with, and recovery.
 *
 * <p>Opened with the database: the logs are checked (a torn last record is cut off) and their headers read, so that
 * sources created afterwards continue their sequence numbers. {@link #recover} runs inside {@code start()}, once the
 * application has declared its sources, tables and queries: it hands every logged element to its source again, on the
 * calling thread, before the engine threads start.
 */
public final class Durability implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    /** Opens the log of one engine thread. */
    @FunctionalInterface
    interface LogOpener {
        CoreLog open(int core);
    }

    private final LaminarConfig config;
    private final DataDirectory directory;
    private final Map<Integer, CoreLog> logs = new HashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final Replay.Summary summary;
    private final CheckpointStore checkpoints;

    /** The checkpoint recovery starts from, if there is one. */
    private final CheckpointStore.Loaded recovered;

    /** Its state, until recovery has restored it. */
    private StateSnapshot recoveredState;

    /** Where checkpoints write state. */
    private final StateStore stateStore;

    /** Where each log is replayed from: as the newest checkpoint says (from its start where it says nothing). */
    private volatile Map<Integer, Long> replayFrom;

    private volatile long lastCheckpointId;

    private LongAdder fsyncs = new LongAdder();
    private LongAdder fsyncNanos = new LongAdder();
    private volatile long recoveredEvents;
    private volatile long recoveryNanos;

    /** The engine thread whose log each source writes to, by lower-case name. */
    private final Map<String, Integer> sourceCores = new java.util.concurrent.ConcurrentHashMap<>();

    /** Where each log ended when the database was opened: replay stops there, before what this run logs. */
    private final Map<Integer, Long> endAtOpen = new HashMap<>();

    private Durability(LaminarConfig config, DataDirectory directory, LogOpener opener) {
        this.config = config;
        this.directory = directory;
        TreeSet<Integer> cores = new TreeSet<>(directory.walCores());
        for (int core = 0; core < config.cores(); core++) {
            cores.add(core);
        }
        try {
            for (int core : cores) {
                logs.put(core, opener.open(core));
            }
        } catch (RuntimeException e) {
            logs.values().forEach(CoreLog::close);
            throw e;
        }
        logs.forEach((core, l) -> endAtOpen.put(core, l.endPosition()));
        this.checkpoints = new CheckpointStore(directory.checkpointsDir());
        this.stateStore = openStateStore(config.stateBackend(), directory);
        CheckpointStore.Loaded newest = null;
        for (CheckpointStore.Loaded candidate : checkpoints.candidates()) {
            try {
                recoveredState = readState(candidate);
                newest = candidate;
                break;
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "Skipping checkpoint {}: its state cannot be read ({}); trying the one before",
                        candidate.manifest().id(),
                        e.toString());
            }
        }
        this.recovered = newest;
        if (newest != null
                && stateStore instanceof RocksDbStateStore rocks
                && "rocksdb".equals(newest.manifest().stateBackend())) {
            // Later checkpoints continue incrementally from the recovered state.
            try {
                rocks.resetTo(newest.dir());
            } catch (IOException e) {
                throw new DurabilityException(
                        "Cannot restore the state store from checkpoint " + newest.dir() + ": " + e.getMessage(), e);
            }
        }
        this.replayFrom = recovered == null ? Map.of() : recovered.manifest().replayFrom();
        this.lastCheckpointId = recovered == null ? 0 : recovered.manifest().id();
        Replay.Summary fromLogs = Replay.summarize(readAll());
        if (recovered != null) {
            // Sequence numbers continue after the checkpoint's even when the log after it is empty.
            Map<String, Long> lastSeq = new HashMap<>(fromLogs.lastSeq());
            recovered.manifest().sources().forEach((name, seq) -> lastSeq.merge(Replay.key(name), seq, Math::max));
            fromLogs = new Replay.Summary(
                    lastSeq,
                    Math.max(fromLogs.lastOrder(), recovered.manifest().order()),
                    fromLogs.events(),
                    fromLogs.tableChanges());
        }
        this.summary = fromLogs;
        order.set(summary.lastOrder());
    }

    /** The checkpoint recovery starts from: its manifest and directory. */
    public Optional<CheckpointStore.Loaded> recoveredCheckpoint() {
        return Optional.ofNullable(recovered);
    }

    /** The state of the checkpoint recovery starts from. */
    public Optional<StateSnapshot> recoveredState() {
        return Optional.ofNullable(recoveredState);
    }

    /** Reads a checkpoint's state with the store that wrote it, whichever is configured now. */
    private StateSnapshot readState(CheckpointStore.Loaded checkpoint) throws IOException {
        String backend = checkpoint.manifest().stateBackend();
        if (backend.equals(stateStoreName())) {
            return stateStore.read(checkpoint.dir());
        }
        if ("memory".equals(backend)) {
            try (StateStore memory = new MemoryStateStore()) {
                return memory.read(checkpoint.dir());
            }
        }
        try (StateStore rocks = openStateStore(StateBackend.ROCKSDB, directory)) {
            return rocks.read(checkpoint.dir());
        }
    }

    private static StateStore openStateStore(StateBackend backend, DataDirectory directory) {
        if (backend == StateBackend.MEMORY) {
            return new MemoryStateStore();
        }
        Path dir = directory.root().resolve("state").resolve(RocksDbStateStore.DIRECTORY);
        try {
            return new RocksDbStateStore(dir);
        } catch (IOException e) {
            throw new DurabilityException(
                    "Cannot open the RocksDB state store in " + dir + ": " + e.getMessage()
                            + ". Check the directory, or set checkpoint.state-backend=memory.",
                    e);
        }
    }

    StateStore stateStore() {
        return stateStore;
    }

    /** The name of the configured state store, as manifests record it. */
    String stateStoreName() {
        return stateStore instanceof RocksDbStateStore ? "rocksdb" : "memory";
    }

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    long lastCheckpointId() {
        return lastCheckpointId;
    }

    /** Where each log would be replayed from after the newest checkpoint. */
    Map<Integer, Long> replayFrom() {
        return replayFrom;
    }

    /** Where each log ends now. */
    Map<Integer, Long> endPositions() {
        Map<Integer, Long> ends = new HashMap<>();
        logs.forEach((core, l) -> ends.put(core, l.endPosition()));
        return ends;
    }

    /** The engine thread whose log {@code source} writes to; -1 when it writes none. */
    int coreOf(SourceRuntime source) {
        return sourceCores.getOrDefault(Replay.key(source.name()), -1);
    }

    /** The record counter now. */
    long order() {
        return order.get();
    }

    /** A checkpoint was written: replay starts from its positions from now on. */
    void checkpointed(CheckpointManifest manifest) {
        replayFrom = manifest.replayFrom();
        lastCheckpointId = manifest.id();
    }

    /**
     * Deletes the log segments that none of the kept checkpoints needs: those before the oldest kept checkpoint's
     * replay position, so that each kept checkpoint can still be recovered from if a newer one is found damaged.
     */
    void deleteLogsNoCheckpointNeeds(List<CheckpointManifest> kept) {
        if (kept.isEmpty()) {
            return;
        }
        CheckpointManifest oldest = kept.get(0);
        logs.forEach((core, l) -> {
            Long from = oldest.replayFrom().get(core);
            if (from != null) {
                l.deleteBefore(from);
            }
        });
    }

    /** Opens the data directory of {@code config}, which must have one. */
    public static Durability open(LaminarConfig config) {
        DataDirectory directory = DataDirectory.open(config.dataDir().orElseThrow());
        try {
            LongAdder fsyncs = new LongAdder();
            LongAdder fsyncNanos = new LongAdder();
            Durability durability = new Durability(
                    config,
                    directory,
                    core -> WalCoreLog.open(directory.walDir(core), config, nanos -> {
                        fsyncs.increment();
                        fsyncNanos.add(nanos);
                    }));
            durability.fsyncs = fsyncs;
            durability.fsyncNanos = fsyncNanos;
            return durability;
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public DataDirectory directory() {
        return directory;
    }

    /** The log a source on engine thread {@code core} writes to, continuing its sequence numbers. */
    public SourceLog sourceLog(CatalogSource source, int core) {
        sourceCores.put(Replay.key(source.name()), core);
        long last = summary.lastSeq().getOrDefault(Replay.key(source.name()), 0L);
        return new SourceLog(
                source.name(),
                source.schema().getFields().size(),
                logs.get(core),
                config.walMode(),
                order,
                source.config().bufferSize(),
                last + 1);
    }

    /** The log a table on engine thread {@code core} writes to. */
    public TableLog tableLog(TableRuntime table, int core) {
        return new TableLog(table.name(), table.schema().getFields().size(), logs.get(core), config.walMode(), order);
    }

    /**
     * Applies the logged changes of {@code table} again, in the order they were made, without logging them: called when
     * the table is declared, before any statement of this run changes it.
     */
    public void recoverTable(TableRuntime table) {
        List<byte[]> changes = summary.tableChanges().remove(Replay.key(table.name()));
        if (changes == null) {
            return;
        }
        long checkpointed = recovered == null
                ? Long.MIN_VALUE
                : recovered.manifest().tables().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(table.name()))
                        .mapToLong(Map.Entry::getValue)
                        .findFirst()
                        .orElse(Long.MIN_VALUE);
        List<Field> fields = table.schema().getFields();
        long rows = 0;
        for (byte[] payload : changes) {
            LogRecord record = LogRecord.decode(payload, owner -> fields);
            if (record.order() <= checkpointed) {
                continue; // the checkpoint's rows include it
            }
            if (record instanceof LogRecord.TableUpsert u) {
                table.replayUpsert(u.rows());
                rows += u.rows().size();
            } else if (record instanceof LogRecord.TableDelete d) {
                table.replayDelete(d.rows());
                rows += d.rows().size();
            }
        }
        log.info("Recovered table {} from the write-ahead log: {} changed rows", table.name(), rows);
    }

    /**
     * Replays every element and watermark logged before this run into the sources that exist now, in the order they
     * were logged; records of sources that no longer exist are skipped and counted in the log.
     *
     * @param drain runs the engine's tasks on the calling thread until they have nothing left (operators partitioned
     *     over engine threads take their rows from queues)
     */
    public void recover(Collection<SourceRuntime> sources, Runnable drain) {
        if (summary.events() == 0 && recovered == null) {
            return;
        }
        long started = System.nanoTime();
        Map<String, SourceRuntime> sourcesByName = new HashMap<>();
        sources.forEach(s -> sourcesByName.put(Replay.key(s.name()), s));
        if (recovered != null) {
            recovered.manifest().sources().forEach((name, seq) -> {
                SourceRuntime source = sourcesByName.get(Replay.key(name));
                if (source != null) {
                    source.restoreConsumedSeq(seq);
                }
            });
        }
        // Watermarks forwarded before the checkpoint are in its state; those after it are replayed.
        Map<String, NavigableMap<Long, Long>> watermarks = Replay.watermarks(
                readAll(),
                recovered == null ? Long.MIN_VALUE : recovered.manifest().order());
        Map<String, Long> skipped = new HashMap<>();
        long events = 0;
        Iterator<LogRecord> records = Replay.merged(readAll(), owner -> {
            SourceRuntime source = sourcesByName.get(Replay.key(owner));
            return source == null ? null : source.schema().getFields();
        });
        int sinceDrain = 0;
        while (records.hasNext()) {
            LogRecord record = records.next();
            String key = Replay.key(record.owner());
            if (record instanceof LogRecord.Events e) {
                SourceRuntime source = sourcesByName.get(key);
                if (source == null) {
                    skipped.merge(record.owner(), 1L, Long::sum);
                    continue;
                }
                if (e.seq() <= source.consumedSeq()) {
                    continue; // the checkpoint's state includes it
                }
                source.replay(e.seq(), e.rows());
                events += e.rows().size();
                NavigableMap<Long, Long> marks = watermarks.get(key);
                if (marks != null) {
                    forwardUpTo(source, marks, e.seq());
                }
            }
            if (++sinceDrain >= 1024) {
                sinceDrain = 0;
                drain.run();
            }
        }
        // Watermarks forwarded after the last element that reached the log (its record was cut short by the crash).
        watermarks.forEach((key, marks) -> {
            SourceRuntime source = sourcesByName.get(key);
            if (source != null) {
                forwardUpTo(source, marks, Long.MAX_VALUE);
            }
        });
        drain.run();
        if (!skipped.isEmpty()) {
            log.warn(
                    "The write-ahead log holds records of objects that no longer exist; skipped (records by name): {}",
                    skipped);
        }
        recoveredEvents = events;
        recoveryNanos = System.nanoTime() - started;
        log.info(
                "Recovered {} events from the write-ahead log in {} ms",
                events,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void forwardUpTo(SourceRuntime source, NavigableMap<Long, Long> marks, long seq) {
        while (!marks.isEmpty() && marks.firstKey() <= seq) {
            source.replayWatermark(marks.pollFirstEntry().getValue());
        }
    }

    private List<Iterator<byte[]>> readAll() {
        List<Iterator<byte[]>> all = new ArrayList<>();
        logs.forEach((core, l) -> all.add(l.read(replayFrom.getOrDefault(core, 0L), endAtOpen.get(core))));
        return all;
    }

    /** The counters, with those of {@code checkpointer} when there is one. */
    public io.laminardb.engine.DurabilityMetrics metrics(Checkpointer checkpointer) {
        java.time.Duration zero = java.time.Duration.ZERO;
        return new io.laminardb.engine.DurabilityMetrics(
                config.walMode(),
                fsyncs.sum(),
                java.time.Duration.ofNanos(fsyncNanos.sum()),
                checkpointer == null ? 0 : checkpointer.taken(),
                checkpointer == null ? 0 : checkpointer.failures(),
                checkpointer == null ? zero : checkpointer.totalTime(),
                lastCheckpointId,
                checkpointer == null ? 0 : checkpointer.lastBytes(),
                checkpointer == null ? Optional.empty() : checkpointer.last().map(Checkpointer.Taken::pause),
                recoveredEvents,
                java.time.Duration.ofNanos(recoveryNanos));
    }

    /** The mode pushes are logged in. */
    public WalMode mode() {
        return config.walMode();
    }

    @Override
    public void close() {
        stateStore.close();
        for (CoreLog coreLog : logs.values()) {
            try {
                coreLog.close();
            } catch (RuntimeException e) {
                log.warn("Closing the write-ahead log failed", e);
            }
        }
        directory.close();
    }
}
