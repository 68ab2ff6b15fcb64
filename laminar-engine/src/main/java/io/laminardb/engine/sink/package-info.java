/**
 * Sinks that take part in checkpoints: the binding of a {@link io.laminardb.engine.TwoPhaseCommitSink} to its stream,
 * and {@link io.laminardb.engine.sink.FileSink}, which writes each checkpoint's rows to a file made visible when the
 * checkpoint is on disk.
 */
package io.laminardb.engine.sink;
