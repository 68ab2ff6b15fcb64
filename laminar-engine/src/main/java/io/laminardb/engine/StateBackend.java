package io.laminardb.engine;

/** Where checkpoints keep operator state. */
public enum StateBackend {
    /** State lives on the heap; each checkpoint writes all of it to one file. For small state. */
    MEMORY,
    /**
     * Each checkpoint writes the state that changed into RocksDB and links its unchanged files into the checkpoint
     * (incremental). The default with a data directory.
     */
    ROCKSDB
}
