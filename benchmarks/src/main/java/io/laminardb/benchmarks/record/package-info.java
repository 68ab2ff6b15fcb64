/** Benchmarks of the generated record types: the cost of turning events into Arrow columns. */
package io.laminardb.benchmarks.record;
