package io.laminardb.engine.sink;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarException;
import io.laminardb.engine.Row;
import io.laminardb.engine.TwoPhaseCommitSink;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;

/**
 * A {@link TwoPhaseCommitSink} attached to a stream: the listener that hands it the stream's rows on the engine thread,
 * and the checkpoint's calls into it.
 */
public final class SinkBinding implements EventListener {

    private final String stream;
    private final Row.Layout layout;
    private final TwoPhaseCommitSink sink;

    public SinkBinding(String stream, Row.Layout layout, TwoPhaseCommitSink sink) {
        this.stream = stream;
        this.layout = layout;
        this.sink = sink;
    }

    public String stream() {
        return stream;
    }

    public TwoPhaseCommitSink sink() {
        return sink;
    }

    /** The key of this sink's handle in a checkpoint. */
    public String key() {
        return stream + "/" + sink.id();
    }

    @Override
    public void deliver(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime) {
        Object[] values = new Object[layout.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = accessor.value(event, i);
        }
        try {
            sink.write(Row.of(layout, values), op);
        } catch (Exception e) {
            throw new LaminarException(
                    "Sink '" + sink.id() + "' of stream '" + stream + "' failed to take a row: " + e
                            + ". The pipeline stops; rows since the last checkpoint are written again after a restart.",
                    e);
        }
    }

    @Override
    public void deliverWatermark(long watermark) {}

    @Override
    public void complete() {}

    /** The first phase of checkpoint {@code checkpointId}; with the engine still. */
    public byte[] preCommit(long checkpointId) {
        try {
            byte[] handle = sink.preCommit(checkpointId);
            return handle == null ? new byte[0] : handle;
        } catch (Exception e) {
            throw new LaminarException(
                    "Sink '" + sink.id() + "' could not pre-commit checkpoint " + checkpointId + ": " + e.getMessage(),
                    e);
        }
    }
}
