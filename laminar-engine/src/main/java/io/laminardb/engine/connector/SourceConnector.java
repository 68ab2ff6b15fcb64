package io.laminardb.engine.connector;

/**
 * The reading side of a source backed by an external system. Life cycle, driven by the database:
 *
 * <ol>
 *   <li>made by {@link ConnectorFactory#createSource} when the statement runs (nothing connects yet);
 *   <li>{@link #start} when the database starts, after recovery: the connector connects, seeks to {@link
 *       SourceContext#restoredPosition()} if there is one, and reads on threads of its own, handing rows over with
 *       {@link SourceContext#emit}; it returns promptly;
 *   <li>{@link #commit} after each checkpoint is on disk (or, without a data directory, every checkpoint interval)
 *       with the position of the last rows the engine took, so the external system can record progress;
 *   <li>{@link #close} at shutdown, before the source's buffer is drained: stop reading, release everything.
 * </ol>
 *
 * <p><b>Positions.</b> Each {@code emit} carries the position reached after its rows, as bytes only the connector
 * reads (a Kafka connector: an offset per partition). The engine records the position of the last rows it took, stores
 * it in each checkpoint, and gives it back through {@link SourceContext#restoredPosition()} after a restart, so a
 * {@linkplain ConnectorFactory#replayableSources() replayable} connector reads again exactly what the checkpoint's state does not include.
 */
public interface SourceConnector extends AutoCloseable {

    /** Connects and starts reading; returns once reading has started on the connector's own threads. */
    void start(SourceContext context) throws Exception;

    /**
     * Every row up to {@code position} is safe in a checkpoint (or, without a data directory, was taken by the engine):
     * record progress in the external system (commit offsets, acknowledge messages). Called from a database thread,
     * never concurrently with itself.
     */
    default void commit(byte[] position) throws Exception {}

    /** How the connector is doing, for the health indicator. */
    default ConnectorHealth health() {
        return ConnectorHealth.up("running");
    }

    /** Stops reading and releases every resource; may be called before {@link #start}. */
    @Override
    void close();
}
