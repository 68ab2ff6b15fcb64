/**
 * Subscriptions: the bounded, broadcast buffers between an engine thread and the application's readers.
 *
 * <p>Each subscription has a buffer of its own, so subscribers never see each other's pace, and a policy of its own
 * for when that buffer is full. Conversion into the subscriber's shape happens on the engine thread, once per row
 * per subscriber, and is skipped entirely when the subscriber reads the very record class that was pushed.
 */
package io.laminardb.engine.subscription;
