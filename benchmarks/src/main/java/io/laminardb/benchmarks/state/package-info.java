/**
 * Benchmarks of the checkpoint state backends (DESIGN 5): {@link io.laminardb.benchmarks.state.CheckpointBenchmark}
 * times a full and an incremental checkpoint of a large state through {@code RocksDbStateStore}, beside {@code
 * MemoryStateStore} writing the same state in the same run.
 */
package io.laminardb.benchmarks.state;
