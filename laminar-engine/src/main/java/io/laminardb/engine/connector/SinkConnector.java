package io.laminardb.engine.connector;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;

/**
 * The writing side of a sink backed by an external system. Life cycle, driven by the database:
 *
 * <ol>
 *   <li>made by {@link ConnectorFactory#createSink} when the statement runs (nothing connects yet);
 *   <li>{@link #open} when the database starts; with a data directory, then {@link #recover} with what the newest
 *       checkpoint pre-committed for this sink;
 *   <li>{@link #write} for each row, on the engine thread;
 *   <li>at each checkpoint, with the engine still, {@link #preCommit}; once the checkpoint is on disk, {@link #commit};
 *       without a data directory, {@link #flush} every checkpoint interval instead;
 *   <li>{@link #close} at shutdown, after the last rows were written (and, with a data directory, committed).
 * </ol>
 *
 * <p><b>Delivery.</b> A sink that only flushes at {@link #preCommit} delivers at least once: after a crash the rows
 * since the last checkpoint are written again. A sink whose {@link #exactlyOnce()} is true keeps them invisible until
 * {@link #commit} (a Kafka transaction, a file renamed into place), so readers see each row once.
 */
public interface SinkConnector extends AutoCloseable {

    /** Connects; before the first row. */
    void open(SinkContext context) throws Exception;

    /** Whether this sink takes part in checkpoints with a two-phase commit (see the class comment). */
    default boolean exactlyOnce() {
        return false;
    }

    /**
     * With a data directory, once after {@link #open}: settle what a previous run left. Commit the transaction {@code
     * handle} names if it is not committed yet, abort every other one this sink left open.
     *
     * @param checkpointId the newest checkpoint, 0 when there is none
     * @param handle what that checkpoint's {@link #preCommit} returned, or null
     */
    default void recover(long checkpointId, byte[] handle) throws Exception {}

    /** One row, with what it is: an insert, or a retraction of a changelog. On the engine thread. */
    void write(Row row, ChangeEvent.Op op) throws Exception;

    /** Sends what is buffered and waits until the external system has it. */
    void flush() throws Exception;

    /**
     * The first phase of checkpoint {@code checkpointId}, with the engine still: every row written since the last one
     * becomes durable in the external system (visible already unless {@link #exactlyOnce()}).
     *
     * @return a small handle the checkpoint stores and gives back to {@link #commit} and {@link #recover}; null for none
     */
    default byte[] preCommit(long checkpointId) throws Exception {
        flush();
        return null;
    }

    /** The second phase: checkpoint {@code checkpointId} is on disk. Idempotent. */
    default void commit(long checkpointId, byte[] handle) throws Exception {}

    /** How the sink is doing, for the health indicator. */
    default ConnectorHealth health() {
        return ConnectorHealth.up("running");
    }

    /** Releases everything; an open transaction stays for {@link #recover} to settle. */
    @Override
    void close();
}
