package io.laminardb.engine.durability;

import io.laminardb.engine.state.StateEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * Writes a large state that the working database does not hold yet (every state, at the first checkpoint of a store)
 * as sorted SST files and has RocksDB ingest them, instead of putting its entries through the memtable.
 *
 * <p>Why: entries put one by one go through the memtable, are flushed into level-0 files that overlap each other, and
 * leave compactions to do that rewrite the whole state in the background, for minutes at a gigabyte, while the next
 * checkpoints hard-link the files those compactions are about to replace. Sorted files whose key range nothing else in
 * the database overlaps (a state's keys are one range, {@link RocksDbStateLayout}) go straight to the bottom level:
 * the state is written once, sequentially, and later checkpoints share those files until changes reach them.
 *
 * <p>Used by the one thread that writes the store.
 */
final class StateIngest {

    /** The fewest entries a new state has for it to be ingested rather than put; fewer are not worth the files. */
    static final int MIN_ENTRIES = 10_000;

    /** The bytes of keys and values after which the next file is started, as RocksDB's target file size. */
    static final long FILE_BYTES = 64L << 20;

    private StateIngest() {}

    /**
     * Writes {@code entries}, whose keys are unique, under {@code prefix} into files in {@code directory} (created, and
     * emptied afterwards) and ingests them into {@code db}.
     *
     * @param options the working database's options, so that the files are built as its own are
     * @return the bytes of keys and values written
     */
    static long ingest(RocksDB db, Options options, Path directory, byte[] prefix, List<StateEntry> entries)
            throws RocksDBException, IOException {
        byte[][] keys = new byte[entries.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = entries.get(i).key();
        }
        int[] order = order(keys);
        RocksDbStateStore.deleteTree(directory);
        Files.createDirectories(directory);
        List<String> files = new ArrayList<>();
        long bytes = 0;
        try (EnvOptions env = new EnvOptions();
                IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(true)) {
            int next = 0;
            while (next < order.length) {
                Path file = directory.resolve(String.format("%06d.sst", files.size()));
                long fileBytes = 0;
                try (SstFileWriter writer = new SstFileWriter(env, options)) {
                    writer.open(file.toString());
                    while (next < order.length && fileBytes < FILE_BYTES) {
                        StateEntry entry = entries.get(order[next++]);
                        byte[] key = RocksDbStateLayout.entryKey(prefix, entry.key());
                        writer.put(key, entry.value());
                        fileBytes += key.length + entry.value().length;
                    }
                    writer.finish();
                }
                files.add(file.toString());
                bytes += fileBytes;
            }
            db.ingestExternalFile(files, ingest);
        } finally {
            RocksDbStateStore.deleteTree(directory);
        }
        return bytes;
    }

    /**
     * The positions of {@code keys} in the order of the keys as unsigned bytes. A quicksort of positions that compares
     * the first eight bytes of each key as one unsigned long first, and the whole keys only when those are equal: a
     * comparator over the arrays themselves would fetch two scattered arrays from memory at every comparison.
     */
    static int[] order(byte[][] keys) {
        int[] order = new int[keys.length];
        long[] heads = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = i;
            heads[i] = head(keys[i]);
        }
        new Sorter(keys, heads, order).sort(0, keys.length - 1);
        return order;
    }

    /** The first eight bytes of {@code key}, big-endian, zeros past its end. */
    private static long head(byte[] key) {
        long head = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            head = (head << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return head;
    }

    /** Sorts positions, with {@link #heads} moved along so that comparisons read them in place. */
    private record Sorter(byte[][] keys, long[] heads, int[] order) {

        private static final int INSERTION = 16;

        void sort(int low, int high) {
            // Recurs into the smaller part and loops over the larger, so that the stack stays logarithmic.
            while (high - low >= INSERTION) {
                int middle = (low + high) >>> 1;
                medianToMiddle(low, middle, high);
                int pivot = middle;
                swap(pivot, high - 1);
                pivot = high - 1;
                int i = low;
                int j = high - 1;
                while (true) {
                    while (compare(++i, pivot) < 0) {}
                    while (compare(--j, pivot) > 0) {}
                    if (i >= j) {
                        break;
                    }
                    swap(i, j);
                }
                swap(i, high - 1);
                if (i - low < high - i) {
                    sort(low, i - 1);
                    low = i + 1;
                } else {
                    sort(i + 1, high);
                    high = i - 1;
                }
            }
            for (int i = low + 1; i <= high; i++) {
                for (int j = i; j > low && compare(j - 1, j) > 0; j--) {
                    swap(j - 1, j);
                }
            }
        }

        /** Orders the three so that the low one is a sentinel for the scan up and the high one for the scan down. */
        private void medianToMiddle(int low, int middle, int high) {
            if (compare(middle, low) < 0) {
                swap(middle, low);
            }
            if (compare(high, low) < 0) {
                swap(high, low);
            }
            if (compare(high, middle) < 0) {
                swap(high, middle);
            }
        }

        private int compare(int a, int b) {
            int byHead = Long.compareUnsigned(heads[a], heads[b]);
            return byHead != 0 ? byHead : Arrays.compareUnsigned(keys[order[a]], keys[order[b]]);
        }

        private void swap(int a, int b) {
            int position = order[a];
            order[a] = order[b];
            order[b] = position;
            long head = heads[a];
            heads[a] = heads[b];
            heads[b] = head;
        }
    }
}
