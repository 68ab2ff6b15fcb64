package io.laminardb.engine.state;

/** The kind of catalog object that owns state. Written into snapshots by name: the names never change. */
public enum OwnerKind {
    SOURCE,
    TABLE,
    STREAM,
    MATERIALIZED_VIEW
}
