/**
 * Benchmarks of the engine's formats: decoding and encoding one message of a typical row in {@code json}, {@code csv}
 * and {@code debezium} (with its schema envelope), beside Jackson reading the same bytes as a tree and writing the
 * same row from a map.
 */
package io.laminardb.benchmarks.format;
