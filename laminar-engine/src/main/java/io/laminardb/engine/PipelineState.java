package io.laminardb.engine;

/** Where a database is in its life. */
public enum PipelineState {
    /** Opened; objects can be declared and sources pushed into, but nothing is processed yet. */
    CREATED,
    /** {@link LaminarDB#start()} is running. */
    STARTING,
    /** Engine threads are processing. */
    RUNNING,
    /** {@link LaminarDB#shutdown()} is draining. */
    STOPPING,
    /** Shut down or closed. */
    STOPPED,
    /** An engine thread failed; {@link PipelineMetrics} carries the reason. */
    FAILED
}
