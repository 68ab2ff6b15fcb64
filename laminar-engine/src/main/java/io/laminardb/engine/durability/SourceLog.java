package io.laminardb.engine.durability;

import io.laminardb.engine.WalMode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one source writes to the log of its engine thread: each element pushed, numbered, and each watermark its engine
 * thread forwards.
 *
 * <p>Producers call {@link #append} while holding the source's push lock, right after their element entered the
 * source's channel, so that the log holds a source's elements in channel order with sequence numbers that only grow.
 * The position after each element's record is remembered by sequence number (for as many elements as the channel can
 * hold, twice over), so that a checkpoint can tell from where the log must be replayed: after the record of the last
 * element the engine had handed on.
 */
public final class SourceLog {

    private final String source;
    private final int columns;
    private final Journal journal;
    private final WalMode mode;
    private final AtomicLong order;
    private final long[] ringSeq;
    private final long[] ringEnd;
    private final int mask;

    /** The record being encoded, reused under the push lock. */
    private final RecordBuffer buffer = new RecordBuffer();

    private final byte[] ownerHeader;

    /** The last sequence number given to an element; under the push lock. */
    private long lastSeq;

    /**
     * @param capacity the source channel's capacity
     * @param order the database's record counter
     * @param firstSeq the sequence number after the last one the log already holds for this source
     */
    public SourceLog(
            String source, int columns, Journal journal, WalMode mode, AtomicLong order, int capacity, long firstSeq) {
        this.source = source;
        this.ownerHeader = LogRecord.ownerHeader(source);
        this.columns = columns;
        this.journal = journal;
        this.mode = mode;
        this.order = order;
        int size = Integer.highestOneBit(Math.max(2, capacity) * 4 - 1);
        this.ringSeq = new long[size];
        this.ringEnd = new long[size];
        this.mask = size - 1;
        this.lastSeq = firstSeq - 1;
    }

    /** The number the next element gets; under the push lock. */
    public long nextSeq() {
        return lastSeq + 1;
    }

    /**
     * Logs the element numbered {@link #nextSeq()}, which has just entered the channel; under the push lock.
     *
     * @return the position to {@linkplain #awaitDurable await}
     */
    public long append(LogRecord.Rows rows) {
        long seq = ++lastSeq;
        LogRecord.events(buffer, ownerHeader, order.incrementAndGet(), seq, columns, rows);
        long end = journal.append(buffer.view());
        int slot = (int) (seq & mask);
        ringEnd[slot] = end;
        ringSeq[slot] = seq;
        return end;
    }

    /** With {@link WalMode#SYNC}, waits until the record ending at {@code position} is on disk; outside the lock. */
    public void awaitDurable(long position) {
        if (mode == WalMode.SYNC) {
            journal.awaitDurable(position);
        }
    }

    /** Logs a watermark the engine thread forwards after handing on element {@code afterSeq}. */
    public void appendWatermark(long afterSeq, long watermark) {
        journal.append(LogRecord.watermark(source, order.incrementAndGet(), afterSeq, watermark));
    }

    /**
     * Where replay must start so as not to miss an element after {@code consumedSeq}: after that element's record when
     * it is known, otherwise (its record is not written yet, so every later one comes after the log's end now) the
     * log's end. Under the push lock, with the engine thread paused.
     */
    public long replayFrom(long consumedSeq, long previous) {
        if (consumedSeq == 0 || consumedSeq > lastSeq) {
            return consumedSeq == 0 ? previous : journal.endPosition();
        }
        int slot = (int) (consumedSeq & mask);
        return ringSeq[slot] == consumedSeq ? ringEnd[slot] : journal.endPosition();
    }
}
