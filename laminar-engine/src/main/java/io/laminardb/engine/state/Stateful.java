package io.laminardb.engine.state;

import java.util.List;

/**
 * A part of the engine whose state a checkpoint keeps: an operator of a query (or all the partitions of one), a query's
 * output, a source's watermark. It writes its state as the entries of one named state and reads them back.
 *
 * <p><b>Threads.</b> Both methods are called only while no engine thread runs the part: before the engine starts, or
 * while the checkpoint coordinator holds it paused. They read and write the part's fields without synchronisation, as
 * its engine thread does; the pause (a thread start or a handshake with the engine threads) orders the accesses.
 */
public interface Stateful {

    /** Writes the current state as entries. The part itself is unchanged. */
    void snapshot(EntrySink out);

    /**
     * Replaces the state with what {@link #snapshot} wrote, in any order, for a part made from an equal definition.
     *
     * @throws StateFormatException if an entry cannot be read
     */
    void restore(List<StateEntry> entries);
}
