package io.laminardb.engine.durability;

import java.util.Iterator;

/** The write-ahead log of one engine thread, with what recovery and checkpoints need besides appending. */
interface CoreLog extends Journal, AutoCloseable {

    /**
     * The payloads of the records that start at or after {@code from} and end at or before {@code to}, in order; the
     * iterator releases what it holds when exhausted.
     */
    Iterator<byte[]> read(long from, long to);

    /** Deletes the segments whose records all end at or before {@code position}. */
    void deleteBefore(long position);

    @Override
    void close();
}
