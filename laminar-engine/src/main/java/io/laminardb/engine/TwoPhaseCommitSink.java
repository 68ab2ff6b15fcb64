package io.laminardb.engine;

/**
 * A destination that receives a stream's rows exactly once across crashes, by taking part in checkpoints with a
 * two-phase commit. The rows between two checkpoints form one transaction of the sink:
 *
 * <ol>
 *   <li>{@link #write} hands over each row as the stream produces it (on the engine thread);
 *   <li>at a checkpoint, with the engine still, {@link #preCommit} makes the transaction durable but not yet visible,
 *       and returns a handle that the checkpoint records;
 *   <li>once the checkpoint is on disk, {@link #commit} makes it visible;
 *   <li>after a crash, {@link #recover} is given the handle of the newest checkpoint: the sink commits that
 *       transaction if the crash came before its commit, and aborts every other transaction it left open, since the
 *       rows in them are computed again from the log.
 * </ol>
 *
 * Attach it with {@link LaminarDB#addSink} to a database with a data directory, before {@code start()}. Connectors that
 * can take part (files, Kafka transactions) implement this; see {@code io.laminardb.engine.sink.FileSink}.
 */
public interface TwoPhaseCommitSink extends AutoCloseable {

    /** A name for this sink that stays the same across restarts: the checkpoint keeps its handle under it. */
    String id();

    /**
     * Called once, before any row: settles what a previous run left.
     *
     * @param checkpointId the newest checkpoint, 0 when there is none
     * @param handle what that checkpoint's {@link #preCommit} returned for this sink, or null (none, or the sink is
     *     new): commit it if not yet committed; abort everything else this sink left open
     */
    void recover(long checkpointId, byte[] handle) throws Exception;

    /** One row of the stream, with what it is (an insert, or a retraction of a changelog). On the engine thread. */
    void write(Row row, ChangeEvent.Op op) throws Exception;

    /**
     * The first phase, at checkpoint {@code checkpointId}: makes the rows written since the last pre-commit durable,
     * not yet visible, and says how to find them again.
     *
     * @return a handle for {@link #commit} and {@link #recover}; small, it is stored in the checkpoint
     */
    byte[] preCommit(long checkpointId) throws Exception;

    /** The second phase: checkpoint {@code checkpointId} is on disk; make its transaction visible. Idempotent. */
    void commit(long checkpointId, byte[] handle) throws Exception;

    /** Releases what the sink holds; an open transaction stays as it is, for {@link #recover} to settle. */
    @Override
    void close() throws Exception;
}
