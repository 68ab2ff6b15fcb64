package io.laminardb.engine.durability;

import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state backend {@code rocksdb}: incremental checkpoints through a RocksDB <em>working database</em> that holds the
 * state of the last checkpoint, entry by entry ({@link RocksDbStateLayout}), and RocksDB's own checkpoints, which
 * hard-link its immutable SST files instead of copying them.
 *
 * <p><b>A write</b> brings the working database to the snapshot: it writes the entries that are new or whose value
 * changed (a large state new to the database as sorted files that RocksDB ingests, {@link StateIngest}), deletes those
 * that are gone (a state or an owner that is gone as one range), flushes the memtable, and has
 * RocksDB make a checkpoint of the database in {@value #DIRECTORY} inside the checkpoint's directory. That checkpoint
 * hard-links every SST file, so the files the previous checkpoint holds and the write left alone are shared, not
 * copied; only the new SST files, the manifest and a few small files take new space. Operators do not track what
 * changed since the last checkpoint, so the store keeps, for every key it wrote, a 64-bit digest of its value
 * ({@link WorkingStateDigest}, {@link EntryDigests}: 21 to 46 bytes a key besides a copy of the key) and compares
 * each entry of the snapshot with it: hashing the state costs memory bandwidth, writing it whole would cost disk
 * bandwidth. Entries go in batches of {@value WorkingStateDigest#BATCH_BYTES} bytes without RocksDB's write-ahead log:
 * the checkpoint is what makes them durable, and it flushes them to SST files first. RocksDB's compactions rewrite SST
 * files in the background as changes accumulate, so some checkpoints take more new space than their changes do (any
 * checkpoint built on RocksDB's files does).
 *
 * <p><b>The digests</b> live in memory only. A store opened over an existing working database (after a restart), one
 * {@linkplain #resetTo reset} to a checkpoint, and one whose write failed build them afresh at their next write, from a
 * scan of the working database. That keeps opening and recovery quick, and costs the first checkpoint after them a read
 * of the state; the write itself stays incremental against what the working database holds.
 *
 * <p><b>Reading</b> a checkpoint opens its {@value #DIRECTORY} directory read-only and rebuilds the snapshot: the same
 * owners in the same order, with their kinds, fingerprints and states in order; the entries of each state come back in
 * the order of their keys as unsigned bytes ({@link io.laminardb.engine.state.Stateful#restore} takes any order). A
 * state keeps one entry per key: {@link #write} refuses a snapshot with a key twice in one state.
 *
 * <p><b>Threads.</b> Not thread-safe: the coordinator calls it from one thread at a time, as {@link StateStore} says.
 * The native handles are closed in {@link #close}: the database first, then the options it was opened with.
 */
public final class RocksDbStateStore implements StateStore {

    /** The directory inside a checkpoint's directory that holds its RocksDB checkpoint. */
    public static final String DIRECTORY = "rocksdb";

    private static final Logger log = LoggerFactory.getLogger(RocksDbStateStore.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final org.rocksdb.Logger rocksLog;
    private final Options options;
    private final WriteOptions writeOptions;
    private final FlushOptions flushOptions;
    private RocksDB db;
    private boolean closed;

    /** What the working database holds; null until built from a scan of the database. */
    private WorkingStateDigest digests;

    private WriteStats lastWrite = new WriteStats(0, 0, 0, 0, 0);

    /**
     * Opens the working database in {@code directory}, creating it if missing. A working database that RocksDB finds
     * corrupt is deleted and created afresh (it holds nothing a checkpoint does not); one in use by another process is
     * an error.
     *
     * @param directory the working database's directory ({@code state/rocksdb} in the data directory), on the file
     *     system of the checkpoints, so that they can hard-link its files
     * @throws IOException if the database cannot be opened
     */
    public RocksDbStateStore(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.rocksLog = new Slf4jRocksLogger();
        // LZ4 rather than the default Snappy, as RocksDB's tuning guide advises: on values that do not compress,
        // writing an SST file took about 2.5 times as long with Snappy.
        this.options = new Options()
                .setCreateIfMissing(true)
                .setLogger(rocksLog)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        // Checkpoints make the writes durable; RocksDB's own log of them would be written for nothing.
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        this.flushOptions = new FlushOptions().setWaitForFlush(true);
        try {
            deleteTree(staging());
            deleteTree(ingestDirectory());
            this.db = openWorking();
        } catch (IOException | RuntimeException e) {
            closeOptions();
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes what changed since the last write into the working database, then makes the RocksDB checkpoint in
     * {@value #DIRECTORY}; a failure leaves the working database to be scanned again at the next write.
     *
     * @return the size of every file of the checkpoint, those hard-linked with earlier checkpoints included
     * @throws IllegalArgumentException if a state of the snapshot has a key twice
     */
    @Override
    public long write(StateSnapshot snapshot, Path checkpointDir) throws IOException {
        checkOpen();
        Path target = checkpointDir.resolve(DIRECTORY);
        boolean written = false;
        try {
            if (digests == null) {
                digests = WorkingStateDigest.scan(db, options, writeOptions, ingestDirectory());
            }
            lastWrite = digests.apply(snapshot);
            // A checkpoint takes SST files only: without a write-ahead log the memtable must be in one first.
            db.flush(flushOptions);
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
            }
            written = true;
        } catch (RocksDBException e) {
            throw new IOException("Cannot write the state of checkpoint " + checkpointDir + ": " + e.getMessage(), e);
        } finally {
            if (!written) {
                // The digests may already count entries the database did not take.
                digests = null;
            }
        }
        return sizeOf(target);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException if the checkpoint has no {@value #DIRECTORY} directory, or RocksDB cannot open or read it (a
     *     file missing, cut short or failing its checksum), or its keys do not follow {@link RocksDbStateLayout}; the
     *     message names the checkpoint
     */
    @Override
    public StateSnapshot read(Path checkpointDir) throws IOException {
        checkOpen();
        Path source = checkpointDir.resolve(DIRECTORY);
        if (!Files.isDirectory(source)) {
            throw new IOException(
                    "The checkpoint " + checkpointDir + " has no RocksDB state: " + source + " is missing");
        }
        try (Options readOnly = new Options().setCreateIfMissing(false).setLogger(rocksLog);
                RocksDB checkpoint = RocksDB.openReadOnly(readOnly, source.toString());
                ReadOptions reads = new ReadOptions().setVerifyChecksums(true).setFillCache(false);
                RocksIterator iterator = checkpoint.newIterator(reads)) {
            RocksDbSnapshotReader reader = new RocksDbSnapshotReader();
            RocksDbStateLayout.scan(iterator, reader);
            return reader.snapshot();
        } catch (RocksDBException e) {
            throw new IOException("The state of checkpoint " + checkpointDir + " cannot be read: " + e.getMessage(), e);
        } catch (StateFormatException e) {
            throw new IOException("The state of checkpoint " + checkpointDir + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the working database with the state of {@code checkpointDir}, so that the next {@link #write} is
     * incremental against the state recovered from it. The checkpoint's SST files are hard-linked, its other files
     * copied, into a directory beside the working one, which then replaces it.
     *
     * <p>The coordinator calls it at recovery, after it has read the checkpoint it restores from and before the first
     * checkpoint after it. Not calling it loses nothing, since every write brings the working database to its snapshot
     * whatever it held before, but the working database may be ahead of that checkpoint (a write whose checkpoint was
     * never completed) or be missing or damaged, and the next write would then rewrite more; after the reset it writes
     * only what changed since the checkpoint, and shares its SST files.
     *
     * @throws IOException if the checkpoint has no RocksDB state or its files cannot be linked or copied (the working
     *     database is then unchanged), or the reset working database cannot be opened
     */
    public void resetTo(Path checkpointDir) throws IOException {
        checkOpen();
        Path source = checkpointDir.resolve(DIRECTORY);
        if (!Files.isRegularFile(source.resolve("CURRENT"))) {
            throw new IOException("The checkpoint " + checkpointDir + " has no RocksDB state to reset to in " + source);
        }
        Path staging = staging();
        deleteTree(staging);
        Files.createDirectories(staging);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                linkOrCopy(file, staging.resolve(file.getFileName().toString()));
            }
        }
        digests = null;
        db.close();
        db = null;
        try {
            deleteTree(directory);
            Files.move(staging, directory);
        } finally {
            // Whatever the working directory holds now, a store stays open: a write makes it whole again.
            db = openWorking();
        }
    }

    /** What the last {@link #write} wrote into the working database (zeros before the first). */
    public WriteStats lastWrite() {
        return lastWrite;
    }

    /** Closes the working database, then the options; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        digests = null;
        if (db != null) {
            db.close();
            db = null;
        }
        closeOptions();
    }

    /**
     * What one {@link #write} changed in the working database.
     *
     * @param entriesWritten the keys written: entries new or with a changed value, and the owner values (kind,
     *     fingerprint, position, state names) that changed
     * @param entriesDeleted the entries deleted one by one, not counting those of {@code rangesDeleted}
     * @param rangesDeleted the states and owners deleted whole, as one range each
     * @param statesIngested the states new to the working database that were written as sorted files and ingested
     *     ({@link StateIngest}); their entries count in {@code entriesWritten}
     * @param bytesWritten the bytes of the keys and values of {@code entriesWritten}
     */
    public record WriteStats(
            long entriesWritten, long entriesDeleted, long rangesDeleted, long statesIngested, long bytesWritten) {}

    // ---- files ------------------------------------------------------------------------------------------------------

    private RocksDB openWorking() throws IOException {
        Files.createDirectories(directory);
        try {
            return RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            Status status = e.getStatus();
            if (status == null || status.getCode() != Status.Code.Corruption) {
                throw new IOException("Cannot open the RocksDB state store in " + directory + ": " + e.getMessage(), e);
            }
            log.warn(
                    "The RocksDB state store in {} is corrupt ({}); it holds no state a checkpoint does not, and is"
                            + " created afresh",
                    directory,
                    e.getMessage());
        }
        deleteTree(directory);
        Files.createDirectories(directory);
        try {
            return RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            throw new IOException("Cannot create the RocksDB state store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Where {@link StateIngest} writes the files of a new state before RocksDB takes them in. */
    private Path ingestDirectory() {
        return directory.resolveSibling(directory.getFileName() + ".ingest");
    }

    /** Where {@link #resetTo} gathers a checkpoint's files before they replace the working database. */
    private Path staging() {
        return directory.resolveSibling(directory.getFileName() + ".reset");
    }

    /** Hard-links an SST file, which RocksDB never changes; copies the others, which it appends to or replaces. */
    private static void linkOrCopy(Path file, Path target) throws IOException {
        if (file.getFileName().toString().endsWith(".sst")) {
            try {
                Files.createLink(target, file);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                log.debug("Cannot hard-link {} ({}); copying it", file, e.toString());
            }
        }
        Files.copy(file, target);
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            long size = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    size += Files.size(file);
                }
            }
            return size;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private void checkOpen() {
        if (closed || db == null) {
            throw new IllegalStateException("The RocksDB state store in " + directory + " is closed");
        }
    }

    private void closeOptions() {
        flushOptions.close();
        writeOptions.close();
        options.close();
        rocksLog.close();
    }

    /** RocksDB's warnings and errors, to this class's logger instead of a LOG file in each database directory. */
    private static final class Slf4jRocksLogger extends org.rocksdb.Logger {

        Slf4jRocksLogger() {
            super(InfoLogLevel.WARN_LEVEL);
        }

        @Override
        protected void log(InfoLogLevel level, String message) {
            switch (level) {
                case WARN_LEVEL -> log.warn("RocksDB: {}", message);
                case ERROR_LEVEL, FATAL_LEVEL -> log.error("RocksDB: {}", message);
                // The header (versions and options of a database opened) passes every level.
                default -> log.debug("RocksDB: {}", message);
            }
        }
    }
}
