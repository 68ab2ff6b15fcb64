package io.laminardb.engine;

/** What recovery does when a checkpoint holds state for a query whose definition has changed or gone. */
public enum Incompatible {
    /** Refuse to start, naming the query and what changed. The default: state is never thrown away silently. */
    FAIL,
    /** Start that query with empty state; every other query keeps its state. */
    RESET
}
