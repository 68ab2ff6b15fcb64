package io.laminardb.engine.durability;

/**
 * The write-ahead log of one engine thread, as the sources and tables on that thread write to it. Positions are byte
 * offsets that only grow.
 */
public interface Journal {

    /**
     * Appends one record; thread-safe, and the record is in the operating system's hands (it survives the process)
     * when this returns.
     *
     * @return the position just after the record
     */
    long append(byte[] payload);

    /** As {@link #append(byte[])}, from the buffer's remaining bytes, which it leaves as they are. */
    long append(java.nio.ByteBuffer payload);

    /** Returns when every record ending at or before {@code position} is on disk. */
    void awaitDurable(long position);

    /** The position after the last record appended. */
    long endPosition();
}
