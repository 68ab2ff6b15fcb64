package io.laminardb.engine.durability;

import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The keys and values {@link RocksDbStateStore} keeps a {@link io.laminardb.engine.state.StateSnapshot} as, in the
 * default column family. Strings are {@link StateWriter#writeString} strings (a varint char count, then modified
 * UTF-8) and counts its varints: a string ends where its count says, so no owner or state name is the prefix of the
 * encoding of another, and the keys of one owner, or of one state, are exactly those that start with its prefix.
 *
 * <pre>
 * owner key:  | owner string | 0x00 |
 * owner value:| layout version 0x01 | kind string | fingerprint string | position varint | states n varint |
 *             | state name string 1 | ... | state name string n |
 * entry key:  | owner string | 0x01 | state string | entry key bytes (the rest of the key) |
 * entry value:| the entry's value bytes |
 * </pre>
 *
 * Keys sort as unsigned bytes, so an owner's key comes before its entries and the entries of one state are together,
 * in the order of their keys. The owner value keeps what that order loses: the owners' positions in the snapshot and
 * the order of their states (a state without entries too).
 */
final class RocksDbStateLayout {

    /** The version of this layout, the first byte of every owner value. */
    static final int VERSION = 1;

    private static final byte OWNER = 0x00;
    private static final byte ENTRY = 0x01;

    private RocksDbStateLayout() {}

    /** What every key of owner {@code name} starts with. */
    static byte[] ownerPrefix(String name) {
        return StateWriter.toBytes(w -> w.writeString(name));
    }

    /** The key of the owner value of the owner with {@code ownerPrefix}. */
    static byte[] ownerKey(byte[] ownerPrefix) {
        return append(ownerPrefix, OWNER);
    }

    /** Past the last key of the owner with {@code ownerPrefix}: the end of a range that holds the owner whole. */
    static byte[] ownerEnd(byte[] ownerPrefix) {
        return append(ownerPrefix, (byte) (ENTRY + 1));
    }

    /** What every entry key of {@code state} of the owner with {@code ownerPrefix} starts with. */
    static byte[] statePrefix(byte[] ownerPrefix, String state) {
        byte[] name = StateWriter.toBytes(w -> w.writeString(state));
        byte[] prefix = Arrays.copyOf(ownerPrefix, ownerPrefix.length + 1 + name.length);
        prefix[ownerPrefix.length] = ENTRY;
        System.arraycopy(name, 0, prefix, ownerPrefix.length + 1, name.length);
        return prefix;
    }

    /** Past the last entry key of the state with {@code statePrefix}: the end of a range that holds the state whole. */
    static byte[] stateEnd(byte[] statePrefix) {
        byte[] end = statePrefix.clone();
        // Raising the last byte is enough: it is never 0xFF, as a varint ends below 0x80 and modified UTF-8 has no
        // 0xFF.
        end[end.length - 1]++;
        return end;
    }

    /** The key of an entry of the state with {@code statePrefix}. */
    static byte[] entryKey(byte[] statePrefix, byte[] key) {
        byte[] whole = Arrays.copyOf(statePrefix, statePrefix.length + key.length);
        System.arraycopy(key, 0, whole, statePrefix.length, key.length);
        return whole;
    }

    /** The owner value of {@code owner}, at {@code position} among the snapshot's owners. */
    static byte[] ownerValue(OwnerState owner, int position) {
        return StateWriter.toBytes(w -> {
            w.writeByte(VERSION)
                    .writeString(owner.kind().name())
                    .writeString(owner.fingerprint())
                    .writeCount(position)
                    .writeCount(owner.stateNames().size());
            owner.stateNames().forEach(w::writeString);
        });
    }

    /** An owner value read back. */
    record OwnerValue(OwnerKind kind, String fingerprint, int position, List<String> states) {

        /** Reads an owner value of the owner called {@code owner}. */
        static OwnerValue read(String owner, byte[] value) {
            StateReader reader = StateReader.of(value);
            int version = reader.readByte();
            if (version != VERSION) {
                throw new StateFormatException("owner '" + owner + "' is kept in layout version " + version
                        + "; this build reads version " + VERSION);
            }
            String kindName = reader.readString();
            OwnerKind kind;
            try {
                kind = OwnerKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw new StateFormatException("owner '" + owner + "' has an unknown kind '" + kindName + "'", e);
            }
            String fingerprint = reader.readString();
            int position = reader.readCount();
            int count = reader.readCount();
            List<String> states = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                states.add(reader.readString());
            }
            reader.checkFullyRead();
            return new OwnerValue(kind, fingerprint, position, states);
        }
    }

    /** Takes the keys of a store, in order, as {@link #scan} reads them. */
    interface Visitor {

        /** The owner key of {@code owner}, with its value. */
        void owner(String owner, byte[] value);

        /**
         * An entry of {@code state} of {@code owner}. While the entries of one state follow each other, the same
         * {@code owner} and {@code state} instances are passed.
         */
        void entry(String owner, String state, byte[] key, byte[] value);
    }

    /**
     * Reads every key and value from the start of {@code iterator} to its end, and hands them to {@code visitor}.
     *
     * @throws StateFormatException if a key does not follow the layout
     * @throws RocksDBException if RocksDB cannot read a key or value (a file damaged or missing)
     */
    static void scan(RocksIterator iterator, Visitor visitor) throws RocksDBException {
        byte[] statePrefix = null;
        String owner = null;
        String state = null;
        for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
            byte[] key = iterator.key();
            // Most keys are entries of the state of the key before: only their tail needs reading.
            if (statePrefix != null && startsWith(key, statePrefix)) {
                visitor.entry(owner, state, Arrays.copyOfRange(key, statePrefix.length, key.length), iterator.value());
                continue;
            }
            ByteArrayInputStream bytes = new ByteArrayInputStream(key);
            StateReader reader = new StateReader(new DataInputStream(bytes));
            String name = reader.readString();
            owner = name.equals(owner) ? owner : name;
            int tag = reader.readByte();
            if (tag == OWNER && bytes.available() == 0) {
                statePrefix = null;
                visitor.owner(owner, iterator.value());
            } else if (tag == ENTRY) {
                state = reader.readString();
                statePrefix = Arrays.copyOf(key, key.length - bytes.available());
                visitor.entry(owner, state, Arrays.copyOfRange(key, statePrefix.length, key.length), iterator.value());
            } else {
                throw new StateFormatException("a key of owner '" + owner + "' has tag " + tag + " and "
                        + bytes.available() + " bytes after it, which no key of layout version " + VERSION + " has");
            }
        }
        iterator.status();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] append(byte[] prefix, byte tag) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + 1);
        key[prefix.length] = tag;
        return key;
    }
}
