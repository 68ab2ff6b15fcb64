/**
 * Running a keyed operator as partitions on several engine threads: the thread of the query's input hashes each row's
 * key to a partition ({@link io.laminardb.engine.exchange.PartitionOperator}), each partition runs its own copy of the
 * operator on its thread ({@link io.laminardb.engine.exchange.PartitionTask}), and one task gathers their results
 * back onto a single thread ({@link io.laminardb.engine.exchange.MergeTask}), where the stream's subscribers and
 * readers expect them.
 *
 * <p>Between threads rows travel through bounded single-producer queues: a full queue holds the sender back (its
 * capacity is the credit), so no queue in the engine grows without bound. Watermarks travel in band, after the rows
 * before them; the merge passes on the minimum over the partitions, so no partition's rows arrive after a watermark
 * that should have waited for them.
 */
package io.laminardb.engine.exchange;
