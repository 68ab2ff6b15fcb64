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
 * <p><b>Layout.</b> An open-addressing table with linear probing over parallel arrays: the key arrays themselves (the
 * snapshot's, not copied: {@link io.laminardb.engine.state.StateEntry} keys are never changed), a 32-bit hash of each
 * key (to probe without touching the arrays), the value digests, and a bit per slot for the current pass: about 16
 * bytes a slot besides the keys, with a half to three quarters of the slots used, a compact summary of a state whose
 * values are not kept. A removed key leaves a {@link #REMOVED} marker until the next rehash, so that probe chains
 * stay whole.
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

    private static final byte[] REMOVED = new byte[0];
    private static final int MIN_CAPACITY = 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x9E37_79B9_7F4A_7C15L;
    private static final long M2 = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long M3 = 0x1656_67B1_9E37_79F9L;

    private byte[][] keys;
    private int[] hashes;
    private long[] digests;
    private long[] visited;
    private int mask;
    private int size;
    private int removed;

    EntryDigests() {
        allocate(MIN_CAPACITY);
    }

    /** The number of keys held. */
    int size() {
        return size;
    }

    /**
     * Starts a pass of about {@code entries} visits: no key is visited. The table grows for them at once, rather than
     * doubling step by step as they come, and with at most half its slots used, so that probe chains stay short.
     */
    void beginPass(int entries) {
        if (capacityFor(entries) > keys.length) {
            rehash(capacityFor(entries));
        }
        Arrays.fill(visited, 0L);
    }

    /**
     * Marks {@code key} visited in this pass with the digest of its value, and says whether the entry must be written.
     * The table keeps {@code key} itself, which must not be changed afterwards.
     */
    Visit visit(byte[] key, long digest) {
        int hash = keyHash(key);
        int slot = find(key, hash);
        if (slot < 0) {
            markVisited(insert(key, hash, digest, -slot - 1));
            return Visit.CHANGED;
        }
        if (isVisited(slot)) {
            return Visit.DUPLICATE;
        }
        markVisited(slot);
        if (digests[slot] == digest) {
            return Visit.UNCHANGED;
        }
        digests[slot] = digest;
        return Visit.CHANGED;
    }

    /** Adds {@code key} with {@code digest}, as a key read back from the store; it must not be in the table. */
    void put(byte[] key, long digest) {
        int hash = keyHash(key);
        int slot = find(key, hash);
        if (slot >= 0) {
            throw new IllegalArgumentException("the key is in the table already");
        }
        insert(key, hash, digest, -slot - 1);
    }

    /** Removes every key not visited in this pass, and returns them. */
    List<byte[]> sweep() {
        List<byte[]> gone = new ArrayList<>();
        for (int slot = 0; slot < keys.length; slot++) {
            byte[] key = keys[slot];
            if (key != null && key != REMOVED && !isVisited(slot)) {
                gone.add(key);
                keys[slot] = REMOVED;
                size--;
                removed++;
            }
        }
        if (removed > keys.length / 4) {
            rehash(capacityFor(size));
        }
        return gone;
    }

    /**
     * The slot of {@code key} or, if it is not there, {@code -1 - } the slot to insert it in: the first removed or
     * free slot of its chain. One walk of the chain serves both.
     */
    private int find(byte[] key, int hash) {
        int free = -1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] candidate = keys[slot];
            if (candidate == null) {
                return -1 - (free >= 0 ? free : slot);
            }
            if (candidate == REMOVED) {
                free = free >= 0 ? free : slot;
            } else if (hashes[slot] == hash && Arrays.equals(candidate, key)) {
                return slot;
            }
        }
    }

    /** Puts a key known to be absent into {@code slot}, which {@link #find} gave, or after a rehash where it fits. */
    private int insert(byte[] key, int hash, long digest, int slot) {
        if ((size + removed + 1) * 4L > keys.length * 3L) {
            rehash(capacityFor(size + 1));
            slot = -1 - find(key, hash);
        }
        if (keys[slot] == REMOVED) {
            removed--;
        }
        keys[slot] = key;
        hashes[slot] = hash;
        digests[slot] = digest;
        size++;
        return slot;
    }

    /** The capacity for {@code entries} keys: a power of two they fill to a half at most, leaving room for inserts. */
    private static int capacityFor(int entries) {
        long wanted = Math.max(MIN_CAPACITY, 2L * entries);
        if (wanted > 1 << 30) {
            throw new IllegalStateException("a state of more than 2^29 entries");
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    private void rehash(int capacity) {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldDigests = digests;
        long[] oldVisited = visited;
        allocate(capacity);
        for (int old = 0; old < oldKeys.length; old++) {
            byte[] key = oldKeys[old];
            if (key != null && key != REMOVED) {
                int slot = oldHashes[old] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                hashes[slot] = oldHashes[old];
                digests[slot] = oldDigests[old];
                if ((oldVisited[old >>> 6] & (1L << old)) != 0) {
                    markVisited(slot);
                }
            }
        }
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        hashes = new int[capacity];
        digests = new long[capacity];
        visited = new long[Math.max(1, capacity >>> 6)];
        mask = capacity - 1;
        removed = 0;
    }

    private boolean isVisited(int slot) {
        return (visited[slot >>> 6] & (1L << slot)) != 0;
    }

    private void markVisited(int slot) {
        visited[slot >>> 6] |= 1L << slot;
    }

    private static int keyHash(byte[] key) {
        long hash = hash(key);
        return (int) (hash ^ (hash >>> 32));
    }

    /** A 64-bit hash of all of {@code bytes}: the digest of a value. */
    static long hash(byte[] bytes) {
        long hash = M3 ^ (bytes.length * M1);
        int i = 0;
        for (int words = bytes.length & ~7; i < words; i += 8) {
            hash = mix(hash, (long) LONGS.get(bytes, i));
        }
        // The last 0 to 7 bytes as one word; the length in the seed tells a short tail from zero bytes.
        long tail = 0;
        for (int shift = 0; i < bytes.length; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        hash = mix(hash, tail);
        // Spreads every input bit over the whole result, so that any 32 of its bits serve as a table hash.
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
