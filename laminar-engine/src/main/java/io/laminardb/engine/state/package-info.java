/**
 * The state half of checkpoints: how every piece of engine state is written out and read back, so that a database
 * restored from a snapshot and fed the rest of its input gives exactly what an uninterrupted run gives.
 *
 * <p><b>Model.</b> A {@link io.laminardb.engine.state.StateSnapshot} holds, per <em>owner</em> (a source, table,
 * stream or view, by its name as declared), a fingerprint of the owner's definition and its <em>named states</em>,
 * each a list of {@link io.laminardb.engine.state.StateEntry entries} of key and value bytes: one entry per group, per
 * window and group, per session, per table row or view row, plus one per scalar (a watermark, a counter). Entries
 * rather than one blob per operator, so that a store which keeps entries between checkpoints (RocksDB) can write only
 * those that changed; {@link io.laminardb.engine.state.StateSink} is the seam such a store implements. Values inside
 * entries are written by {@link io.laminardb.engine.state.StateWriter} with a type tag, so that each is read back as
 * the very class it was ({@code Integer} days stay {@code Integer}, a decimal keeps its scale), because operators hash
 * and compare them; {@link io.laminardb.engine.state.StateFormat} draws every layout.
 *
 * <p><b>Stable names.</b> A state is named by its owner and its role within the owner: {@code window-aggregate},
 * {@code group-aggregate}, {@code pane-aggregate}, {@code session-window}, {@code top-n}, {@code event-time-over},
 * {@code late-rows}, {@code row-errors}, {@code output}, {@code late-output} for a query; {@code source} for a source;
 * {@code rows} for a table. An ordinal follows a role only where one query has several operators of it. Never a global
 * counter or a position among queries: dropping or adding another query renames nothing.
 *
 * <p><b>Partitions.</b> A keyed operator that runs as several copies on the engine threads is one logical state: the
 * snapshot holds all its groups, not per-partition blobs, and a restore routes each group to the partition that owns
 * its key under the current number of engine threads ({@link io.laminardb.engine.exchange.PartitionedState}). The
 * entry keys say what is routed and by what ({@link io.laminardb.engine.state.EntryKeys}).
 *
 * <p><b>What is state.</b> Sources: watermark, highest pushed watermark, largest event time, events taken. Tables: their
 * rows (the lookup index is rebuilt from them). Queries: every group of a {@code GROUP BY} with the row it last handed
 * on and whether it waits for the next batch; every window's groups and the operator's watermark, from which follows
 * which windows are closed; panes; open sessions with their rows in arrival order; each top-N partition's rows in order
 * (ties in arrival order); for {@code LAG} and {@code LEAD}, the watermark, the rows waiting for it, and per partition
 * the last rows, the rows waiting for the rows after them and the ranking counters; the late-row and skipped-row
 * counts; the output's counters and a view's contents. Lookup joins, filters, projections and window assignment hold
 * nothing.
 *
 * <p><b>Fingerprints.</b> A restore puts state only into an owner whose kind, fingerprint and state names equal the
 * snapshot's; the others are reported, for the coordinator to fail or reset them ({@code Incompatible}). A query's
 * fingerprint is its statement as the parser writes it back, its columns and its inputs' columns; a source's, its
 * columns, watermark and non-buffering options; a table's, its columns and primary key.
 *
 * <p><b>Not exact.</b> Processing time is not state: when the next {@code EMIT EVERY} period starts (after a restore
 * the first tick hands the waiting groups on), and {@code PROCTIME}. Rows of several groups handed on at one watermark
 * may leave in another order (each group's own changes keep theirs). A window whose every group was retracted is not
 * kept (see {@code WindowAggregateOperator}). Producers' clocks (idleness) start afresh. Database-wide metrics of
 * dropped objects and subscriptions' delivery counts restart.
 */
package io.laminardb.engine.state;
