/**
 * Sources at run time: the handles users push through ({@link io.laminardb.engine.source.TypedSourceHandle}, {@link
 * io.laminardb.engine.source.UntypedSourceHandle}) and the per-source state the engine thread drains ({@link
 * io.laminardb.engine.source.SourceRuntime}).
 *
 * <p>The channel carries events exactly as they were pushed: a typed push moves a reference and nothing else, and the
 * cost of turning a record into columns is paid on the engine thread, once, only for subscribers that need another
 * shape. Records are matched to the source by column name when the handle is made ({@link
 * io.laminardb.engine.source.SchemaMatcher}), so a mismatch fails there with every difference named, never on a push.
 */
package io.laminardb.engine.source;
