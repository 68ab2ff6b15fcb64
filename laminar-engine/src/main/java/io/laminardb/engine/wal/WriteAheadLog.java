package io.laminardb.engine.wal;

import io.laminardb.engine.WalMode;
import io.laminardb.engine.wal.SegmentFiles.SegmentFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log of opaque records in a directory of its own: producers {@link #append} serialized events, the log
 * makes them durable according to its {@link WalMode}, and recovery {@link #read}s them back from a position a
 * checkpoint stored.
 *
 * <p><b>On disk</b> the log is a sequence of segment files named after the position of their first record
 * ({@code 00000000000000000000.wal}, 20 digits), each a 16-byte header (magic, version, base position) followed by
 * records framed {@code [length int32][crc32c int32][payload]}, the checksum covering the length and the payload; the
 * rest of a segment is zeros, preallocated. {@link WalDescriptor} draws the layout.
 *
 * <p><b>Positions</b> are byte positions over the records of all segments together, starting at 0: dense, increasing
 * and never reused, even across segment deletion. Every position this API hands out is a record boundary: {@link
 * #append} returns the position just after the record it wrote, and {@link WalReader#position()} is that same
 * position for each record read back, so the position of the last record a checkpoint includes is where replay after
 * that checkpoint starts ({@code read(position)}) and what {@link #deleteBefore} may drop.
 *
 * <p><b>Durability.</b> An append is a copy into a memory-mapped segment in {@link WalMode#ASYNC} and a {@code write}
 * in {@link WalMode#SYNC} (the package documentation says why): either way, when {@code append} returns, the record is
 * in the operating system's page cache and survives a crash of the process (not of the machine). Forcing it to disk
 * is {@link #awaitDurable}'s job in {@link WalMode#SYNC} (callers waiting at the same time share one force: group
 * commit), and a background thread's every {@linkplain WalOptions#flushInterval() flush interval} in {@link
 * WalMode#ASYNC}. A segment is forced whole before the next one is created.
 *
 * <p><b>Opening</b> validates every record. A torn write at the end of the log (a record cut short or damaged, nothing
 * valid after it) is cut, logged at WARN and described in {@link #repairReport()}. Damage with valid data after it is
 * corruption: {@link #open} fails with {@link WalCorruptedException}, or, with {@link
 * WalOptions#truncateOnCorruption()}, cuts the log at the damaged record and logs at ERROR what it dropped.
 *
 * <p><b>Threads.</b> {@link #append}, {@link #awaitDurable} and the position accessors may be called from any number
 * of threads at once; records take positions in the order their appends take the append lock. {@link #read}, {@link
 * #deleteBefore} and {@link #close} may be called from any thread; a {@link WalReader} belongs to one thread.
 */
public final class WriteAheadLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);

    /** One checksum object per producer thread: computing the checksum before taking the lock keeps it short. */
    private static final ThreadLocal<CRC32C> CHECKSUM = ThreadLocal.withInitial(CRC32C::new);

    private final Path dir;
    private final WalOptions options;
    private final RepairReport repairReport;

    /** Orders appends, and guards the segment list; never held across a force of appended data. */
    private final ReentrantLock appendLock = new ReentrantLock();

    /**
     * Guards {@link #forcing}; waiters for durability sleep on {@link #forceDone}. Never held during a force, so a
     * waiter whose record the last force covered returns at once instead of queueing behind the next force. Taken
     * before {@link #appendLock} when both are needed.
     */
    private final ReentrantLock durabilityLock = new ReentrantLock();

    private final Condition forceDone = durabilityLock.newCondition();

    /**
     * Whether a thread holds the right to force appended data (guarded by {@link #durabilityLock}): the leader of a
     * group commit, the flush thread, or close. One at a time, so retired segments can be unmapped by the holder.
     */
    private boolean forcing;

    // Guarded by appendLock.
    private final List<SegmentFile> sealed;
    private ActiveSegment active;

    /** Written under both locks, so holding either is enough to read it stably; volatile for the flusher's check. */
    private volatile boolean closed;

    /**
     * Segments rolled away from but still mapped or open: a force that began before the roll may still be running on
     * one. Released (see {@link #releaseRetired()}) only where no such force can be running.
     */
    private final Queue<ActiveSegment> retired = new ConcurrentLinkedQueue<>();

    /** Where the next record starts; written (release) under {@link #appendLock}, read (acquire) anywhere. */
    private final AtomicLong endPosition;

    /** Everything before this position is on disk; only increases. */
    private final AtomicLong durablePosition;

    /** Set when a force failed; from then on the log refuses appends and waits. */
    private volatile WalException failure;

    private final AsyncFlusher flusher;

    private WriteAheadLog(Path dir, WalOptions options, LogRecovery.Recovered recovered) {
        this.dir = dir;
        this.options = options;
        this.repairReport = recovered.report();
        this.sealed = new ArrayList<>(recovered.sealed());
        this.active = recovered.active();
        long end = active.endPosition();
        this.endPosition = new AtomicLong(end);
        // What recovery found may still be only in the page cache (the process crashed before a force): force it now,
        // so that durablePosition starts true.
        this.durablePosition = new AtomicLong(active.base());
        forceRange(active, active.base(), end);
        durablePosition.set(end);
        this.flusher = options.mode() == WalMode.ASYNC ? new AsyncFlusher(this, dir, options.flushInterval()) : null;
    }

    /**
     * Opens the log in {@code dir}, creating the directory and an empty log if there is none, and recovers it: every
     * record is validated, a torn tail is cut (see {@link #repairReport()}), and in {@link WalMode#ASYNC} the flush
     * thread starts.
     *
     * @throws WalCorruptedException if a record is damaged where a torn write cannot explain it and {@code options}
     *     do not ask to truncate; the message names the file, the position and what was wrong
     * @throws WalException if the directory or a file cannot be read, written or created
     */
    public static WriteAheadLog open(Path dir, WalOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        LogRecovery.Recovered recovered;
        try {
            recovered = LogRecovery.recover(dir, options);
        } catch (IOException e) {
            throw new WalException("Could not open the write-ahead log in " + dir + ": " + e, e);
        }
        WriteAheadLog wal;
        try {
            wal = new WriteAheadLog(dir, options, recovered);
        } catch (RuntimeException e) {
            recovered.active().abandon();
            throw e;
        }
        if (wal.flusher != null) {
            wal.flusher.start();
        }
        return wal;
    }

    /**
     * Appends one record and returns the position just after it. When this returns the record is in the page cache;
     * call {@link #awaitDurable} with the returned position to wait until it is on disk.
     *
     * @throws IllegalArgumentException if the payload is larger than {@link WalOptions#maxPayloadSize()}
     * @throws WalException if the log is closed, a force failed earlier, or a new segment could not be created
     */
    public long append(byte[] payload) {
        int length = payload.length;
        checkLength(length);
        int checksum = WalDescriptor.checksum(CHECKSUM.get(), payload, 0, length);
        appendLock.lock();
        try {
            long end = segmentFor(length).append(checksum, payload);
            endPosition.setRelease(end);
            return end;
        } catch (IOException e) {
            throw fail("could not write to", active, e);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Appends the bytes between {@code payload}'s position and limit as one record, leaving the buffer's position where
     * it was; otherwise as {@link #append(byte[])}.
     */
    public long append(ByteBuffer payload) {
        int length = payload.remaining();
        checkLength(length);
        int checksum = WalDescriptor.checksum(CHECKSUM.get(), payload);
        appendLock.lock();
        try {
            long end = segmentFor(length).append(checksum, payload);
            endPosition.setRelease(end);
            return end;
        } catch (IOException e) {
            throw fail("could not write to", active, e);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Returns once every record before {@code position} is on disk, forcing it if no other thread is; threads waiting at
     * the same time share one force. Works in both modes: in {@link WalMode#ASYNC} it forces at once rather than
     * waiting for the flush thread. Blocks uninterruptibly, for at most the force in flight and one more.
     *
     * @param position a position returned by {@link #append}, or any position up to {@link #endPosition()}
     * @throws IllegalArgumentException if {@code position} is past the end of the log
     * @throws WalException if a force fails or failed earlier, or the log was closed before the position was forced
     */
    public void awaitDurable(long position) {
        if (durablePosition.get() >= position) {
            return;
        }
        if (position > endPosition.getAcquire()) {
            throw new IllegalArgumentException("Position " + position + " is past the end of the write-ahead log in "
                    + dir + " (" + endPosition.getAcquire() + "): only appended records can be waited for");
        }
        durabilityLock.lock();
        try {
            while (durablePosition.get() < position) {
                if (failure != null) {
                    throw failure;
                }
                if (forcing) {
                    forceDone.awaitUninterruptibly();
                } else {
                    forceAsLeader();
                }
            }
        } finally {
            durabilityLock.unlock();
        }
    }

    /** The position up to which every record is on disk. */
    public long durablePosition() {
        return durablePosition.get();
    }

    /** The position just after the last record appended: where the next record starts. */
    public long endPosition() {
        return endPosition.getAcquire();
    }

    /** The position of the oldest record still kept: 0, or the end of the segments {@link #deleteBefore} deleted. */
    public long startPosition() {
        appendLock.lock();
        try {
            return sealed.isEmpty() ? active.base() : sealed.get(0).base();
        } finally {
            appendLock.unlock();
        }
    }

    /** What opening the log cut: a torn tail, or (with the truncate option) corruption; {@code CLEAN} otherwise. */
    public RepairReport repairReport() {
        return repairReport;
    }

    /**
     * A reader of the records from {@code fromPosition} to the end of the log as it is now; records appended later are
     * not read. The reader reads the files on its own and may outlive the log; {@link #deleteBefore} must not delete a
     * segment a reader still needs.
     *
     * @param fromPosition a record boundary between {@link #startPosition()} and {@link #endPosition()}: a position
     *     {@link #append} returned or {@link WalReader#position()} gave, or the start of the log
     * @throws IllegalArgumentException if the position is outside the log or not a record boundary
     */
    public WalReader read(long fromPosition) {
        List<SegmentFile> segments;
        long end;
        appendLock.lock();
        try {
            segments = new ArrayList<>(sealed);
            segments.add(new SegmentFile(active.base(), active.path()));
            end = active.endPosition();
        } finally {
            appendLock.unlock();
        }
        return WalReader.open(dir, segments, end, fromPosition);
    }

    /**
     * Deletes the segments whose every record ends at or before {@code position}, typically the replay position of
     * the oldest checkpoint kept; the segment being appended to is never deleted. A file that cannot be deleted is
     * logged at WARN and left; the next open of the log finds it again.
     *
     * @return how many segments were deleted
     */
    public int deleteBefore(long position) {
        List<SegmentFile> doomed = new ArrayList<>();
        appendLock.lock();
        try {
            while (!sealed.isEmpty()) {
                long segmentEnd = sealed.size() > 1 ? sealed.get(1).base() : active.base();
                if (segmentEnd > position) {
                    break;
                }
                doomed.add(sealed.remove(0));
            }
        } finally {
            appendLock.unlock();
        }
        // Outside the lock: appends need not wait for the file system.
        for (SegmentFile segment : doomed) {
            try {
                Files.deleteIfExists(segment.path());
            } catch (IOException e) {
                log.warn("Write-ahead log {}: could not delete segment {}: {}", dir, segment.path(), e.toString());
            }
        }
        if (!doomed.isEmpty()) {
            SegmentFiles.syncDirectory(dir);
        }
        return doomed.size();
    }

    /**
     * Forces what was appended, stops the flush thread, unmaps the segments and cuts the last one to its records.
     * Appends and waits after this throw {@link WalException}. Idempotent.
     */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.stop();
        }
        durabilityLock.lock();
        try {
            while (forcing) {
                forceDone.awaitUninterruptibly();
            }
            if (closed) {
                return;
            }
            // Holding durabilityLock throughout keeps every other force out; waiters find the log closed and forced.
            appendLock.lock();
            try {
                closed = true;
                try {
                    if (failure == null) {
                        long end = active.endPosition();
                        forceRange(active, Math.max(durablePosition.get(), active.base()), end);
                        advanceDurable(end);
                    }
                } finally {
                    releaseRetired();
                    try {
                        active.closeTruncated();
                    } catch (IOException e) {
                        throw new WalException("Could not close the write-ahead log in " + dir + ": " + e, e);
                    }
                }
            } finally {
                appendLock.unlock();
            }
        } finally {
            forceDone.signalAll();
            durabilityLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WriteAheadLog[" + dir + ", " + options.mode() + ", end " + endPosition() + ", durable "
                + durablePosition() + "]";
    }

    /** For the flush thread: forces what was appended since the last force, unless nothing was or a force runs. */
    void flushIfBehind() {
        if (endPosition.getAcquire() <= durablePosition.get() || failure != null) {
            return;
        }
        durabilityLock.lock();
        try {
            if (!forcing && !closed) {
                forceAsLeader();
            }
        } finally {
            durabilityLock.unlock();
        }
    }

    /**
     * Called holding {@link #durabilityLock} with no force running: takes the right to force, forces everything
     * appended so far without the lock, then wakes every waiter.
     */
    private void forceAsLeader() {
        forcing = true;
        durabilityLock.unlock();
        try {
            // Threads the previous force released are waking up to append again; letting them run before the end
            // position is read puts their records in this force rather than the next. Where producers outnumber
            // cores, this took 4 threads from 2.4 to 3.7 records per force.
            Thread.yield();
            forceAppended();
        } finally {
            durabilityLock.lock();
            forcing = false;
            forceDone.signalAll();
        }
    }

    private void checkLength(int length) {
        if (length > options.maxPayloadSize()) {
            throw new IllegalArgumentException("A record of " + length + " bytes does not fit in a write-ahead log"
                    + " segment of " + options.segmentSize() + " bytes (at most " + options.maxPayloadSize()
                    + " bytes of payload): raise the segment size or split the record");
        }
    }

    /** Under the append lock: the segment with room for a record of {@code length} bytes, rolling if needed. */
    private ActiveSegment segmentFor(int length) {
        checkUsable();
        if (!active.fits(length)) {
            roll();
        }
        return active;
    }

    private void checkUsable() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new WalException("The write-ahead log in " + dir + " is closed");
        }
    }

    /**
     * Under the append lock: forces the full segment whole, then creates the next. The order matters to recovery: a
     * segment with data after it must be complete on disk, so damage there is corruption and never a torn write.
     */
    private void roll() {
        ActiveSegment full = active;
        long end = full.endPosition();
        forceRange(full, Math.max(durablePosition.get(), full.base()), end);
        advanceDurable(end);
        ActiveSegment next;
        try {
            next = ActiveSegment.create(dir, end, (int) options.segmentSize(), options.mode());
        } catch (IOException e) {
            throw new WalException(
                    "Could not create write-ahead log segment " + WalDescriptor.fileName(end) + " in " + dir + ": " + e,
                    e);
        }
        try {
            full.seal();
        } catch (IOException e) {
            log.warn("Write-ahead log {}: could not close segment {}: {}", dir, full.path(), e.toString());
        }
        sealed.add(new SegmentFile(full.base(), full.path()));
        retired.add(full);
        active = next;
        // Release now if no force runs, so a log that is appended to but never waited on does not keep every segment
        // open until close. tryLock, because the lock order puts durabilityLock before appendLock.
        if (durabilityLock.tryLock()) {
            try {
                if (!forcing) {
                    releaseRetired();
                }
            } finally {
                durabilityLock.unlock();
            }
        }
    }

    /** By the holder of {@link #forcing}: forces every record appended so far. */
    private void forceAppended() {
        ActiveSegment segment;
        long target;
        appendLock.lock();
        try {
            checkUsable();
            segment = active;
            target = segment.endPosition();
        } finally {
            appendLock.unlock();
        }
        // Segments before this one were forced whole when rolled away from.
        forceRange(segment, Math.max(durablePosition.get(), segment.base()), target);
        advanceDurable(target);
        releaseRetired();
    }

    private void forceRange(ActiveSegment segment, long from, long to) {
        if (to <= from) {
            return;
        }
        long start = System.nanoTime();
        try {
            segment.force(from, to);
        } catch (IOException | RuntimeException e) {
            throw fail("could not force", segment, e);
        }
        long nanos = System.nanoTime() - start;
        try {
            options.fsyncListener().accept(nanos);
        } catch (RuntimeException e) {
            // A metrics hook must not turn a successful force into a failed append.
            log.warn("Write-ahead log {}: the fsync listener threw", dir, e);
        }
    }

    /**
     * Marks the log failed and returns the exception every later append and wait throws. After a failed write or
     * force the page cache may have dropped what it could not write, and a later force may report success anyway, so
     * nothing after this point could be trusted.
     */
    private WalException fail(String what, ActiveSegment segment, Exception cause) {
        WalException failed = new WalException(
                "The write-ahead log in " + dir + " " + what + " segment "
                        + segment.path().getFileName() + " (" + cause
                        + "); it accepts no more appends: reopen it to continue from what is on disk",
                cause);
        failure = failed;
        return failed;
    }

    private void advanceDurable(long position) {
        durablePosition.accumulateAndGet(position, Math::max);
    }

    /** Where no force can be running: by the holder of {@link #forcing}, by close, or by a roll when none runs. */
    private void releaseRetired() {
        ActiveSegment segment;
        while ((segment = retired.poll()) != null) {
            segment.release();
        }
    }
}
