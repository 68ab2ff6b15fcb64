package io.laminardb.engine.durability;

import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * What the working database of a {@link RocksDbStateStore} holds, in memory and in short: per owner its owner value,
 * and per state an {@link EntryDigests} of its keys and the digests of their values. {@link #apply} compares a snapshot
 * with it to write only what changed, and keeps it up to date. Built empty for a new database, or by a {@link #scan} of
 * an existing one. Not thread-safe.
 */
final class WorkingStateDigest {

    /** The most bytes of keys and values one write batch holds before it is written. */
    static final int BATCH_BYTES = 16 << 20;

    /** By owner name as declared. */
    private final Map<String, OwnerDigest> owners;

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writeOptions;
    private final Path ingestDirectory;

    private WorkingStateDigest(
            Map<String, OwnerDigest> owners,
            RocksDB db,
            Options options,
            WriteOptions writeOptions,
            Path ingestDirectory) {
        this.owners = owners;
        this.db = db;
        this.options = options;
        this.writeOptions = writeOptions;
        this.ingestDirectory = ingestDirectory;
    }

    /**
     * The digests of everything {@code db} holds, from a scan of it, for writes into {@code db}.
     *
     * @param options the options {@code db} was opened with
     * @param writeOptions how batches are written (without the write-ahead log)
     * @param ingestDirectory where {@link StateIngest} may write its files: beside the database, on its file system
     */
    static WorkingStateDigest scan(RocksDB db, Options options, WriteOptions writeOptions, Path ingestDirectory)
            throws RocksDBException {
        DigestScanner scanner = new DigestScanner();
        try (ReadOptions reads = new ReadOptions().setFillCache(false);
                RocksIterator iterator = db.newIterator(reads)) {
            RocksDbStateLayout.scan(iterator, scanner);
        }
        return new WorkingStateDigest(scanner.owners, db, options, writeOptions, ingestDirectory);
    }

    /**
     * Brings the working database to {@code snapshot}: writes the entries and owner values that are new or changed,
     * deletes the entries that are gone, and the states and owners that are gone as one range each, in batches without
     * RocksDB's write-ahead log; a large state new to the database is {@linkplain StateIngest ingested} as files. The
     * digests follow; if this throws, they may count writes the database did not take, and must be scanned again.
     *
     * @throws IllegalArgumentException if a state of the snapshot has a key twice
     */
    RocksDbStateStore.WriteStats apply(StateSnapshot snapshot) throws RocksDBException, IOException {
        try (Batch batch = new Batch()) {
            Set<String> names = new HashSet<>();
            int position = 0;
            for (OwnerState owner : snapshot.owners()) {
                names.add(owner.name());
                OwnerDigest digest = owners.computeIfAbsent(owner.name(), OwnerDigest::new);
                byte[] value = RocksDbStateLayout.ownerValue(owner, position++);
                if (!Arrays.equals(value, digest.value)) {
                    batch.put(RocksDbStateLayout.ownerKey(digest.prefix), value);
                    digest.value = value;
                }
                for (Map.Entry<String, List<StateEntry>> state : owner.states().entrySet()) {
                    EntryDigests entries = digest.states.computeIfAbsent(state.getKey(), s -> new EntryDigests());
                    writeState(
                            batch,
                            owner,
                            RocksDbStateLayout.statePrefix(digest.prefix, state.getKey()),
                            state.getKey(),
                            state.getValue(),
                            entries);
                }
                for (Iterator<String> states = digest.states.keySet().iterator(); states.hasNext(); ) {
                    String state = states.next();
                    if (!owner.states().containsKey(state)) {
                        byte[] prefix = RocksDbStateLayout.statePrefix(digest.prefix, state);
                        batch.deleteRange(prefix, RocksDbStateLayout.stateEnd(prefix));
                        states.remove();
                    }
                }
            }
            for (Iterator<OwnerDigest> gone = owners.values().iterator(); gone.hasNext(); ) {
                OwnerDigest digest = gone.next();
                if (!names.contains(digest.name)) {
                    batch.deleteRange(
                            RocksDbStateLayout.ownerKey(digest.prefix), RocksDbStateLayout.ownerEnd(digest.prefix));
                    gone.remove();
                }
            }
            batch.commit();
            return new RocksDbStateStore.WriteStats(
                    batch.puts, batch.deletes, batch.ranges, batch.ingested, batch.bytes);
        }
    }

    private static void writeState(
            Batch batch, OwnerState owner, byte[] prefix, String state, List<StateEntry> entries, EntryDigests digests)
            throws RocksDBException, IOException {
        boolean ingest = digests.size() == 0 && entries.size() >= StateIngest.MIN_ENTRIES;
        digests.beginPass(entries.size());
        for (StateEntry entry : entries) {
            switch (digests.visit(entry.key(), EntryDigests.hash(entry.value()))) {
                case CHANGED -> {
                    if (!ingest) {
                        batch.put(RocksDbStateLayout.entryKey(prefix, entry.key()), entry.value());
                    }
                }
                case UNCHANGED -> {}
                case DUPLICATE ->
                    throw new IllegalArgumentException("State '" + state + "' of " + owner.name() + " has key " + entry
                            + " twice; the keys of a state are unique");
            }
        }
        if (ingest) {
            // Every entry was new, and no key is twice: the digests hold them all, and nothing is to be deleted.
            batch.ingest(prefix, entries);
            return;
        }
        for (byte[] key : digests.sweep()) {
            batch.delete(RocksDbStateLayout.entryKey(prefix, key));
        }
    }

    /** Write batches of at most about {@link #BATCH_BYTES}, written as they fill, and what they held. */
    private final class Batch implements AutoCloseable {
        private final WriteBatch batch = new WriteBatch();
        private long pending;
        long puts;
        long deletes;
        long ranges;
        long ingested;
        long bytes;

        void put(byte[] key, byte[] value) throws RocksDBException {
            batch.put(key, value);
            puts++;
            bytes += key.length + value.length;
            added(key.length + value.length);
        }

        void delete(byte[] key) throws RocksDBException {
            batch.delete(key);
            deletes++;
            added(key.length);
        }

        void deleteRange(byte[] from, byte[] to) throws RocksDBException {
            batch.deleteRange(from, to);
            ranges++;
            added(from.length + to.length);
        }

        private void added(int size) throws RocksDBException {
            pending += size;
            if (pending >= BATCH_BYTES) {
                commit();
            }
        }

        void commit() throws RocksDBException {
            if (batch.count() > 0) {
                db.write(writeOptions, batch);
                batch.clear();
            }
            pending = 0;
        }

        /** Writes a state new to the database as files, after what the batch holds. */
        void ingest(byte[] prefix, List<StateEntry> entries) throws RocksDBException, IOException {
            commit();
            bytes += StateIngest.ingest(db, options, ingestDirectory, prefix, entries);
            puts += entries.size();
            ingested++;
        }

        @Override
        public void close() {
            batch.close();
        }
    }

    /** What the working database holds of one owner: its owner value and a digest per state. */
    private static final class OwnerDigest {
        final String name;
        final byte[] prefix;
        final Map<String, EntryDigests> states = new HashMap<>();
        byte[] value;

        OwnerDigest(String name) {
            this.name = name;
            this.prefix = RocksDbStateLayout.ownerPrefix(name);
        }
    }

    /** Builds the digests of a working database from its keys and values. */
    private static final class DigestScanner implements RocksDbStateLayout.Visitor {
        final Map<String, OwnerDigest> owners = new HashMap<>();
        private String owner;
        private String state;
        private EntryDigests entries;

        @Override
        public void owner(String owner, byte[] value) {
            owners.computeIfAbsent(owner, OwnerDigest::new).value = value;
        }

        @Override
        public void entry(String owner, String state, byte[] key, byte[] value) {
            // The scan passes the same instances while the entries of one state follow each other.
            if (owner != this.owner || state != this.state) {
                this.owner = owner;
                this.state = state;
                entries = owners.computeIfAbsent(owner, OwnerDigest::new)
                        .states
                        .computeIfAbsent(state, s -> new EntryDigests());
            }
            entries.put(key, EntryDigests.hash(value));
        }
    }
}
