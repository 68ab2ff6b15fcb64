/**
 * The bounded buffers between producers and engine threads.
 *
 * <p>A source's buffer is an {@link io.laminardb.engine.channel.EventChannel}: an {@link
 * io.laminardb.engine.channel.UpgradableChannel} (single-producer until a second thread pushes, then multi-producer)
 * for {@code BLOCK} and {@code REJECT} sources, a {@link io.laminardb.engine.channel.DropOldestChannel} (multi-producer,
 * multi-consumer) for {@code DROP_OLDEST} ones. Both are built on JCTools' array queues, which already pad their hot
 * indices against false sharing and use ordered (release) stores rather than full fences on the single-producer path;
 * we write only the part JCTools cannot know: when to switch, and how to switch without breaking any producer's order.
 *
 * <p>There is one consumer per channel, the engine thread that owns the source, so consumer-side state is plain
 * fields. Nothing here is unbounded.
 */
package io.laminardb.engine.channel;
