/**
 * Benchmarks of the write-ahead log: append throughput in {@code ASYNC} and {@code SYNC} mode, beside an in-memory
 * baseline, a {@code write} per append, and a {@code write} and {@code force} per append without group commit.
 */
package io.laminardb.benchmarks.wal;
