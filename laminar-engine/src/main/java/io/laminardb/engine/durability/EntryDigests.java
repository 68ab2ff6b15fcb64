package io.laminardb.engine.durability;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link RocksDbStateStore} last wrote of one named state: per entry key, a 64-bit digest of the value. A write
 * compares each entry of a new snapshot with it to write only what changed, and removes what the snapshot no longer
 * has, in passes: {@link #beginPass}, {@link #visit} every entry, then {@link #sweep} the keys not visited.
 *
 * <p><b>Layout.</b> An open-addressing table with linear probing in one {@code long[]}, two longs a slot:
 *
 * <pre>
 * slot:  | 16 bits of the key's hash | 46 bits: where the key is in the arena | 2 bits: free, used, removed |
 *        | 64-bit digest of the value                                                                    |
 * arena: pages of 1 MiB: | key length varint | key bytes | key length varint | key bytes | ...
 * </pre>
 *
 * The keys are copied into the arena rather than referenced: a table of millions of references into the snapshot's
 * arrays costs the garbage collector a remembered-set update at every insert and a trace of every array at every
 * marking, and each small array a header. A probe reads one slot (a cache line holds four) and compares the key only
 * when 16 hash bits match. 16 bytes a slot with 35% to 75% of the slots used, so 21 to 46 bytes a key besides the
 * key's own bytes and their length. Removed keys leave their bytes in the arena, and a marker in their slot, until
 * the next compaction of either; a removed slot is reused by the next insert on its chain.
 *
 * <p><b>Digests.</b> {@link #hash} is a 64-bit multiply-rotate hash over eight bytes at a time, the length folded in.
 * Two different values of one key collide with a chance of about 2<sup>-64</sup>; the changed value would then be
 * missed by that checkpoint (and caught by a later change of the entry). Keys are compared whole, never by hash.
 *
 * <p>Not thread-safe: used by the one thread that writes the store.
 */
final class EntryDigests {

    /** The result of {@link #visit}. */
    enum Visit {
        /** The key was there with the same digest: nothing to write. */
        UNCHANGED,
        /** The key is new, or its digest differs: the entry must be written. */
        CHANGED,
        /** The key was visited already in this pass: the snapshot holds it twice. */
        DUPLICATE
    }

    private static final long FREE = 0;
    private static final long USED = 1;
    private static final long REMOVED = 2;
    private static final long STATE = 3;
    /** The bits of a key's hash kept in its slot. */
    private static final long TAG = 0xFFFF_0000_0000_0000L;

    private static final int MIN_CAPACITY = 16;

    private static final int PAGE_BITS = 20;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x9E37_79B9_7F4A_7C15L;
    private static final long M2 = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long M3 = 0x1656_67B1_9E37_79F9L;

    /** Two longs a slot: the slot word (hash bits, key position, state), then the digest. */
    private long[] table;

    private long[] visited;
    private int mask;
    private int size;
    private int removed;

    private byte[][] pages = new byte[0][];
    /** Where the next key goes in the arena: page index, then offset, as in a slot word. */
    private long arenaEnd;
    /** The bytes of removed keys still in the arena. */
    private long garbage;

    EntryDigests() {
        allocate(MIN_CAPACITY);
    }

    /** The number of keys held. */
    int size() {
        return size;
    }

    /**
     * Starts a pass of about {@code entries} visits: no key is visited. The table grows for them at once, rather than
     * doubling step by step as they come.
     */
    void beginPass(int entries) {
        if (capacityFor(entries) > capacity()) {
            rehash(capacityFor(entries));
        }
        Arrays.fill(visited, 0L);
    }

    /** Marks {@code key} visited in this pass with the digest of its value, and says whether it must be written. */
    Visit visit(byte[] key, long digest) {
        long hash = hash(key);
        int slot = find(key, hash);
        if (slot < 0) {
            markVisited(insert(key, hash, digest, -1 - slot));
            return Visit.CHANGED;
        }
        if (isVisited(slot)) {
            return Visit.DUPLICATE;
        }
        markVisited(slot);
        if (table[2 * slot + 1] == digest) {
            return Visit.UNCHANGED;
        }
        table[2 * slot + 1] = digest;
        return Visit.CHANGED;
    }

    /** Adds {@code key} with {@code digest}, as a key read back from the store; it must not be in the table. */
    void put(byte[] key, long digest) {
        long hash = hash(key);
        int slot = find(key, hash);
        if (slot >= 0) {
            throw new IllegalArgumentException("the key is in the table already");
        }
        insert(key, hash, digest, -1 - slot);
    }

    /** Removes every key not visited in this pass, and returns them. */
    List<byte[]> sweep() {
        List<byte[]> gone = new ArrayList<>();
        for (int slot = 0; slot < capacity(); slot++) {
            long word = table[2 * slot];
            if ((word & STATE) == USED && !isVisited(slot)) {
                byte[] key = key(word);
                gone.add(key);
                garbage += key.length + lengthBytes(key.length);
                table[2 * slot] = REMOVED;
                size--;
                removed++;
            }
        }
        if (removed > capacity() / 4 || garbage > Math.max(PAGE_SIZE, arenaBytes() / 2)) {
            rehash(capacityFor(size));
        }
        return gone;
    }

    /**
     * The slot of {@code key} or, if it is not there, {@code -1 -} the slot to insert it in: the first removed or free
     * slot of its chain. One walk of the chain serves both.
     */
    private int find(byte[] key, long hash) {
        long tag = hash & TAG;
        int insertAt = -1;
        for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
            long word = table[2 * slot];
            long state = word & STATE;
            if (state == FREE) {
                return -1 - (insertAt >= 0 ? insertAt : slot);
            }
            if (state == REMOVED) {
                insertAt = insertAt >= 0 ? insertAt : slot;
            } else if ((word & TAG) == tag && keyEquals(word, key)) {
                return slot;
            }
        }
    }

    /** Puts a key known to be absent into {@code slot}, which {@link #find} gave, or after a rehash where it fits. */
    private int insert(byte[] key, long hash, long digest, int slot) {
        if ((size + removed + 1) * 4L > capacity() * 3L) {
            rehash(capacityFor(size + 1));
            slot = -1 - find(key, hash);
        }
        if ((table[2 * slot] & STATE) == REMOVED) {
            removed--;
        }
        table[2 * slot] = (hash & TAG) | (append(key, 0, key.length) << 2) | USED;
        table[2 * slot + 1] = digest;
        size++;
        return slot;
    }

    /** The capacity for {@code entries} keys: a power of two they fill to 70% at most. */
    private static int capacityFor(int entries) {
        long wanted = Math.max(MIN_CAPACITY, entries * 10L / 7 + 1);
        if (wanted > 1 << 30) {
            throw new IllegalStateException("a state of more than 750 million entries");
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    private int capacity() {
        return mask + 1;
    }

    /** Moves the used slots into a table of {@code capacity}, and their keys into a new arena without garbage. */
    private void rehash(int capacity) {
        long[] oldTable = table;
        long[] oldVisited = visited;
        byte[][] oldPages = pages;
        pages = new byte[0][];
        arenaEnd = 0;
        garbage = 0;
        allocate(capacity);
        for (int old = 0; old < oldTable.length / 2; old++) {
            long word = oldTable[2 * old];
            if ((word & STATE) == USED) {
                byte[] page = oldPages[page(word)];
                int offset = offset(word);
                int length = readLength(page, offset);
                int start = offset + lengthBytes(length);
                int slot = (int) hash(page, start, length) & mask;
                while ((table[2 * slot] & STATE) != FREE) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = (word & TAG) | (append(page, start, length) << 2) | USED;
                table[2 * slot + 1] = oldTable[2 * old + 1];
                if ((oldVisited[old >>> 6] & (1L << old)) != 0) {
                    markVisited(slot);
                }
            }
        }
    }

    /** A new, empty table; the count of used slots stays, as a rehash moves them all. */
    private void allocate(int capacity) {
        table = new long[2 * capacity];
        visited = new long[Math.max(1, capacity >>> 6)];
        mask = capacity - 1;
        removed = 0;
    }

    // ---- the arena --------------------------------------------------------------------------------------------------

    /** Copies a key into the arena and returns where it is: page index, then offset, as in a slot word. */
    private long append(byte[] source, int from, int length) {
        int needed = lengthBytes(length) + length;
        int page = (int) (arenaEnd >>> PAGE_BITS);
        int offset = (int) arenaEnd & (PAGE_SIZE - 1);
        if (page == pages.length || offset + needed > pages[page].length) {
            // A new page, the size of the key if that is larger; the rest of the last page stays unused.
            page = pages.length;
            pages = Arrays.copyOf(pages, page + 1);
            pages[page] = new byte[Math.max(PAGE_SIZE, needed)];
            offset = 0;
        }
        byte[] bytes = pages[page];
        int at = offset;
        for (int rest = length; ; rest >>>= 7) {
            if (rest < 0x80) {
                bytes[at++] = (byte) rest;
                break;
            }
            bytes[at++] = (byte) (rest | 0x80);
        }
        System.arraycopy(source, from, bytes, at, length);
        int end = at + length;
        arenaEnd = end >= PAGE_SIZE ? (long) (page + 1) << PAGE_BITS : ((long) page << PAGE_BITS) | end;
        return ((long) page << PAGE_BITS) | offset;
    }

    private static int page(long word) {
        return (int) (word >>> 2 >>> PAGE_BITS) & ((1 << 26) - 1);
    }

    private static int offset(long word) {
        return (int) (word >>> 2) & (PAGE_SIZE - 1);
    }

    private boolean keyEquals(long word, byte[] key) {
        byte[] page = pages[page(word)];
        int offset = offset(word);
        int length = readLength(page, offset);
        int start = offset + lengthBytes(length);
        return length == key.length && Arrays.equals(page, start, start + length, key, 0, length);
    }

    private byte[] key(long word) {
        byte[] page = pages[page(word)];
        int offset = offset(word);
        int length = readLength(page, offset);
        int start = offset + lengthBytes(length);
        return Arrays.copyOfRange(page, start, start + length);
    }

    private long arenaBytes() {
        return (long) pages.length * PAGE_SIZE;
    }

    private static int readLength(byte[] page, int offset) {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = page[offset++];
            length |= (b & 0x7F) << shift;
            if (b >= 0) {
                return length;
            }
        }
    }

    private static int lengthBytes(int length) {
        int bytes = 1;
        while (length >= 0x80) {
            length >>>= 7;
            bytes++;
        }
        return bytes;
    }

    private boolean isVisited(int slot) {
        return (visited[slot >>> 6] & (1L << slot)) != 0;
    }

    private void markVisited(int slot) {
        visited[slot >>> 6] |= 1L << slot;
    }

    /** A 64-bit hash of all of {@code bytes}: the digest of a value, and where a key is placed. */
    static long hash(byte[] bytes) {
        return hash(bytes, 0, bytes.length);
    }

    private static long hash(byte[] bytes, int from, int length) {
        long hash = M3 ^ (length * M1);
        int i = from;
        int end = from + length;
        for (int words = from + (length & ~7); i < words; i += 8) {
            hash = mix(hash, (long) LONGS.get(bytes, i));
        }
        // The last 0 to 7 bytes as one word; the length in the seed tells a short tail from zero bytes.
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        hash = mix(hash, tail);
        // Spreads every input bit over the whole result, so that any of its bits serve as a table hash.
        hash ^= hash >>> 33;
        hash *= 0xFF51_AFD7_ED55_8CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CE_B9FE_1A85_EC53L;
        return hash ^ (hash >>> 33);
    }

    private static long mix(long hash, long word) {
        hash ^= Long.rotateLeft(word * M2, 31) * M1;
        return Long.rotateLeft(hash, 27) * M1 + M3;
    }
}
