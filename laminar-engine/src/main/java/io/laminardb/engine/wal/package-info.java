/**
 * The write-ahead log (DESIGN 5): {@link io.laminardb.engine.wal.WriteAheadLog}, one per engine thread, to which
 * producers append serialized events at push time and from which recovery replays what followed the last checkpoint.
 *
 * <h2>How an append reaches the operating system: a mapping in ASYNC, a write in SYNC</h2>
 *
 * A push must survive a crash of the process even before the next force, so each append has to be in the operating
 * system's hands when it returns. There are two ways: a segment mapped into memory, where an append is a copy into
 * the page cache that the kernel owns the moment the copy is done ({@link io.laminardb.engine.wal.MappedSegment}), or
 * a {@code write} system call per append ({@link io.laminardb.engine.wal.WrittenSegment}). Each mode gets the one that
 * is faster for it, measured on ext4 (a 2-core KVM machine, {@code WalAppendBenchmark} in the benchmarks module and a
 * scratch program interleaving both ways):
 *
 * <ul>
 *   <li>{@code ASYNC} appends far more often than it forces. A mapped append costs about 170 to 250 ns with the
 *       flush thread running, a {@code write} per append about 0.8 to 1.3 µs (the system call, the channel's lock and
 *       a copy through a temporary direct buffer): {@code ASYNC} maps.
 *   <li>{@code SYNC} forces after nearly every append. A page dirtied through a mapping after it was forced costs
 *       much more to force again than one dirtied by {@code write}: 550 to 950 µs per record against 80 to 230 µs
 *       for {@code write} and {@code fdatasync} on the same preallocated file. (The write fault that re-dirties the
 *       page after each force, 50 to 75 µs here, is part of it; where the rest goes was not pinned down.) Beside that, the system call per append is noise: {@code SYNC}
 *       writes, and forces with {@code fdatasync}.
 * </ul>
 *
 * What the mapping costs, and what is done about it:
 *
 * <ul>
 *   <li>A write into a mapped page that the file system cannot back (disk full, sparse file) is a fault, not an
 *       exception. Segments are therefore preallocated by writing zeros, which reserves their blocks: a full disk
 *       fails the roll to a new segment with an {@code IOException} instead. (Written segments are preallocated too:
 *       a force then never has to commit a change of file size; appending to the end of the file made each
 *       {@code write} and {@code fdatasync} take 150 to 590 µs instead of 80 to 230.)
 *   <li>Preallocating costs a segment's worth of writes at each roll, paid by the append that rolls, and a segment
 *       size of address space per open segment.
 *   <li>Unmapping early needs {@code sun.misc.Unsafe.invokeCleaner} (where it is missing, the collector unmaps);
 *       touching an unmapped buffer would crash the JVM, so a segment is unmapped only by the one thread allowed to
 *       force, after every force on it has returned, and nothing mapped is handed out: readers read through channels.
 *   <li>Pages reach the disk in no particular order when the kernel writes them back on its own. After a power loss,
 *       unforced records may therefore come back with holes; the forced prefix is always whole. See below for what
 *       recovery makes of it.
 *   <li>On ext4 an append stalls for a few milliseconds about once per flush, when it first touches a page being
 *       written back; {@code write} per append stalls the same way, so this is the file system's, not the mapping's.
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
