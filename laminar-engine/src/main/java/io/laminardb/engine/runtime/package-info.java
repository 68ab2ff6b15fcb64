/**
 * The engine threads. Each source belongs to exactly one thread ("core"), which is the only consumer of its channel:
 * single-consumer is what lets channels and operator state go without locks. Sources are spread over cores by count;
 * later, keyed operators are partitioned over cores by key hash.
 */
package io.laminardb.engine.runtime;
