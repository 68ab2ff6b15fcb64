/**
 * Record types: the bridge between {@code @Record} Java types and Apache Arrow columns.
 *
 * <p>{@link io.laminardb.engine.record.RecordType} is the contract; the annotation processor in {@code
 * laminar-annotations} writes one implementation per {@code @Record} type at compile time, so that converting an event
 * to columns is straight-line code with no reflection, and {@link io.laminardb.engine.record.RecordTypes} finds it by
 * name. Doing this at compile time rather than at run time moves every mistake in a record (an unsupported field type,
 * two event-time fields) to the compiler's error list, where it points at the offending line.
 */
package io.laminardb.engine.record;
