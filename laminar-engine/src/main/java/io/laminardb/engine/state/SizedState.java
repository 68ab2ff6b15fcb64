package io.laminardb.engine.state;

/**
 * A part of the engine's state that can say how many rows it holds: what {@code StreamInfo.stateRows()} and the
 * {@code laminar.stream.state.rows} meter report, so that an application can see whether a query's state stays bounded.
 */
public interface SizedState {

    /**
     * The rows held now. Read from any thread: the value is the one the engine thread last published (at each
     * watermark, and at the end of each batch of rows at the latest), not necessarily the one of this instant.
     */
    long stateRows();
}
