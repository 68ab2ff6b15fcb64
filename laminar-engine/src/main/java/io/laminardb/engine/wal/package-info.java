/**
 * The write-ahead log (DESIGN 5): {@link io.laminardb.engine.wal.WriteAheadLog}, one per engine thread, to which
 * producers append serialized events at push time and from which recovery replays what followed the last checkpoint.
 *
 * <h2>Why memory-mapped segments</h2>
 *
 * In {@code ASYNC} mode a push must survive a crash of the process even before the next force, so each append has to
 * reach the operating system before it returns. There were two ways: a {@code write} system call per append, or a
 * segment mapped into memory, where an append is a copy into the page cache and the kernel owns the page the moment
 * the copy is done. The mapping avoids a system call (and, on a FileChannel, a lock and a copy through a temporary
 * direct buffer) per record; {@code WalAppendBenchmark} in the benchmarks module measures both in one run. The
 * mapping's costs, and what is done about them:
 *
 * <ul>
 *   <li>A write into a mapped page that the file system cannot back (disk full, sparse file) is a fault, not an
 *       exception. Segments are therefore preallocated by writing zeros, which reserves their blocks: a full disk
 *       fails the roll to a new segment with an {@code IOException} instead.
 *   <li>Preallocating costs a segment's worth of writes at each roll, paid by the append that rolls, and a segment
 *       size of address space per open segment.
 *   <li>Unmapping early needs {@code sun.misc.Unsafe.invokeCleaner} (where it is missing, the collector unmaps);
 *       touching an unmapped buffer would crash the JVM, so a segment is unmapped only by the one thread allowed to
 *       force, after every force on it has returned, and nothing mapped is handed out: readers read through channels.
 *   <li>Pages reach the disk in no particular order when the kernel writes them back on its own. After a power loss,
 *       unforced records may therefore come back with holes; the forced prefix is always whole. See below for what
 *       recovery makes of it.
 * </ul>
 *
 * <h2>Ordering and group commit</h2>
 *
 * Appends take one lock, copy, and publish the new end position before releasing it: append order is position order,
 * and a record is complete before any later one begins, so a crash in the middle of a copy damages only the last
 * record. (Reserving space lock-free and copying outside a lock would be faster, but a crash mid-copy would leave a
 * hole in front of records that were already acknowledged.) The checksum is computed before the lock is taken.
 *
 * <p>One thread at a time may force: the leader. A thread in {@code awaitDurable} whose record is not yet forced
 * becomes the leader if there is none and forces everything appended so far, covering every thread that appended
 * before it looked; otherwise it sleeps until the leader's force completes and looks again. No lock is held during
 * the force (the append lock only while reading the end position), so appends go on while the disk works and pile up
 * for the next force, and threads the last force covered return at once rather than queueing behind the next one:
 * under load the number of forces follows the disk's latency, not the number of appends. A segment is forced whole
 * before the next one is created, which is what lets recovery call damage in any segment but the last corruption
 * rather than a torn write.
 *
 * <h2>Recovery</h2>
 *
 * {@link io.laminardb.engine.wal.LogRecovery} validates every record of every segment. A damaged record is a torn
 * write, cut with a WARN, only when nothing valid follows it: it lies in the last segment and no valid record starts
 * after it. Otherwise it is corruption, reported by {@link io.laminardb.engine.wal.WalCorruptedException} or, when the
 * log is opened to truncate, cut with an ERROR. After a power loss (not a process crash), unforced pages written back
 * out of order can look like corruption: a hole followed by a valid but never-forced record. Opening with the truncate
 * option then drops only records that were never forced, since the forced prefix lies wholly before the hole.
 */
package io.laminardb.engine.wal;
