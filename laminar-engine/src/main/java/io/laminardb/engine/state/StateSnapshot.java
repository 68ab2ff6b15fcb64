package io.laminardb.engine.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The state of a whole database at one moment, in memory: per owner (a source, table, stream or view, by its name as
 * declared) the fingerprint of its definition and its named states, each a list of entries. Taken by {@code
 * DatabaseRuntime.snapshotState()} and given back to {@code DatabaseRuntime.restoreState}; written to and read from a
 * stream in the compact, versioned and checksummed form {@link StateFormat} draws. Immutable and thread-safe.
 */
public final class StateSnapshot {

    private final Map<String, OwnerState> owners;

    private StateSnapshot(Map<String, OwnerState> owners) {
        this.owners = Collections.unmodifiableMap(new LinkedHashMap<>(owners));
    }

    /** This snapshot with only the owners {@code which} accepts. */
    public StateSnapshot filter(java.util.function.Predicate<OwnerState> which) {
        Builder builder = builder();
        for (OwnerState owner : owners()) {
            if (which.test(owner)) {
                builder.add(owner);
            }
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every owner, in the order they were written. */
    public List<OwnerState> owners() {
        return List.copyOf(owners.values());
    }

    /** The owner called {@code name}, ignoring case. */
    public Optional<OwnerState> owner(String name) {
        return Optional.ofNullable(owners.get(key(name)));
    }

    /** The number of entries over all owners. */
    public int entryCount() {
        return owners.values().stream().mapToInt(OwnerState::entryCount).sum();
    }

    // ---- binary form ------------------------------------------------------------------------------------------------

    /** Writes the snapshot as {@link StateFormat} draws it. The stream is flushed, not closed. */
    public void writeTo(OutputStream out) {
        CRC32C crc = new CRC32C();
        try {
            DataOutputStream data = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out), crc));
            data.writeInt(StateFormat.MAGIC);
            StateWriter writer = new StateWriter(data);
            writer.writeCount(StateFormat.VERSION);
            writer.writeCount(owners.size());
            for (OwnerState owner : owners.values()) {
                writer.writeString(owner.name());
                writer.writeString(owner.kind().name());
                writer.writeString(owner.fingerprint());
                writer.writeCount(owner.states().size());
                for (Map.Entry<String, List<StateEntry>> state : owner.states().entrySet()) {
                    writer.writeString(state.getKey());
                    writer.writeCount(state.getValue().size());
                    for (StateEntry entry : state.getValue()) {
                        writer.writeBytes(entry.key());
                        writer.writeBytes(entry.value());
                    }
                }
            }
            // Taken before the checksum's own bytes go through the checked stream.
            int checksum = (int) crc.getValue();
            data.writeInt(checksum);
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toByteArray() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(bytes);
        return bytes.toByteArray();
    }

    /**
     * Reads a snapshot written by {@link #writeTo}, to the end of the stream.
     *
     * @throws StateFormatException if the bytes are not a snapshot of a version this build reads, the checksum does
     *     not match, or anything follows the checksum
     */
    public static StateSnapshot readFrom(InputStream in) {
        CRC32C crc = new CRC32C();
        BufferedInputStream buffered = new BufferedInputStream(in);
        try {
            DataInputStream data = new DataInputStream(new CheckedInputStream(buffered, crc));
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new StateFormatException("Not a LaminarDB state snapshot: it is shorter than its header", e);
            }
            if (magic != StateFormat.MAGIC) {
                throw new StateFormatException(
                        "Not a LaminarDB state snapshot: it starts with 0x" + Integer.toHexString(magic));
            }
            StateReader reader = new StateReader(data);
            int version = reader.readCount();
            if (version > StateFormat.VERSION || version < 1) {
                throw new StateFormatException("The state snapshot has format version " + version + "; this build"
                        + " reads versions 1 to " + StateFormat.VERSION + ". Open it with the release that wrote it,"
                        + " or a newer one.");
            }
            Builder builder = builder();
            int owners = reader.readCount();
            for (int o = 0; o < owners; o++) {
                String name = reader.readString();
                OwnerKind kind = kind(reader.readString());
                String fingerprint = reader.readString();
                if (builder.has(name)) {
                    throw new StateFormatException("The state snapshot holds owner '" + name + "' twice");
                }
                builder.owner(name, kind, fingerprint);
                int states = reader.readCount();
                for (int s = 0; s < states; s++) {
                    String state = reader.readString();
                    builder.state(state);
                    int entries = reader.readCount();
                    for (int e = 0; e < entries; e++) {
                        byte[] key = reader.readBytes();
                        builder.put(state, key, reader.readBytes());
                    }
                }
            }
            int expected = (int) crc.getValue();
            int found;
            try {
                found = new DataInputStream(buffered).readInt();
            } catch (EOFException e) {
                throw new StateFormatException("The state snapshot is cut short before its checksum", e);
            }
            if (found != expected) {
                throw new StateFormatException("The state snapshot is corrupt: its checksum is 0x"
                        + Integer.toHexString(found) + ", its contents give 0x" + Integer.toHexString(expected));
            }
            if (buffered.read() >= 0) {
                throw new StateFormatException("The state snapshot has bytes after its checksum");
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StateSnapshot fromByteArray(byte[] bytes) {
        return readFrom(new ByteArrayInputStream(bytes));
    }

    private static OwnerKind kind(String name) {
        try {
            return OwnerKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("unknown owner kind '" + name + "'", e);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateSnapshot other && owners().equals(other.owners());
    }

    @Override
    public int hashCode() {
        return owners.hashCode();
    }

    @Override
    public String toString() {
        return "StateSnapshot" + owners.values();
    }

    /** Collects entries owner by owner into a {@link StateSnapshot}: the in-memory {@link StateSink}. Not thread-safe. */
    public static final class Builder implements StateSink {

        private final Map<String, OwnerState> done = new LinkedHashMap<>();
        private String name;
        private OwnerKind kind;
        private String fingerprint;
        private Map<String, List<StateEntry>> states;

        private Builder() {}

        @Override
        public void owner(String name, OwnerKind kind, String fingerprint) {
            finishOwner();
            if (done.containsKey(key(name))) {
                throw new IllegalArgumentException("owner '" + name + "' is in the snapshot already");
            }
            this.name = name;
            this.kind = kind;
            this.fingerprint = fingerprint;
            this.states = new LinkedHashMap<>();
        }

        @Override
        public void state(String state) {
            checkOwner();
            states.computeIfAbsent(state, s -> new ArrayList<>());
        }

        @Override
        public void put(String state, byte[] key, byte[] value) {
            checkOwner();
            states.computeIfAbsent(state, s -> new ArrayList<>()).add(new StateEntry(key, value));
        }

        /** Adds a whole owner, such as one carried over from an earlier snapshot. */
        public Builder add(OwnerState owner) {
            finishOwner();
            if (done.putIfAbsent(key(owner.name()), owner) != null) {
                throw new IllegalArgumentException("owner '" + owner.name() + "' is in the snapshot already");
            }
            return this;
        }

        /** Whether owner {@code name} (ignoring case) was added or declared already. */
        boolean has(String name) {
            return done.containsKey(key(name))
                    || (states != null && key(this.name).equals(key(name)));
        }

        public StateSnapshot build() {
            finishOwner();
            return new StateSnapshot(done);
        }

        private void checkOwner() {
            if (states == null) {
                throw new IllegalStateException("no owner declared");
            }
        }

        private void finishOwner() {
            if (states != null) {
                done.put(key(name), new OwnerState(name, kind, fingerprint, states));
                states = null;
            }
        }
    }
}
