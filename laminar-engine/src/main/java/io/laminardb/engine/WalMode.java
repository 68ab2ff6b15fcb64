package io.laminardb.engine;

/**
 * When a pushed event is on disk, for a database opened with a {@linkplain LaminarConfig.Builder#dataDir data
 * directory}. See {@code docs/durability.md} for what each mode survives.
 */
public enum WalMode {
    /** No write-ahead log: events pushed since the last checkpoint are lost in a crash. */
    NONE,
    /**
     * Logged at push, forced to disk every {@linkplain LaminarConfig#walFlushInterval() flush interval}: a process crash
     * loses nothing, a power loss at most that interval. The default.
     */
    ASYNC,
    /**
     * A push returns only when its event is forced to disk; pushes waiting at the same time share one {@code fsync}
     * (group commit). Nothing acknowledged is lost, even on power loss.
     */
    SYNC
}
