package io.laminardb.engine.state;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One entry of a named state: a key and a value, both bytes. A state is a list of entries rather than one blob, one
 * per group, per window and group, per table row, plus one per scalar (a watermark, a counter), so that a store that
 * keeps entries between checkpoints can write only those that changed. Keys follow {@link EntryKeys}; the arrays are
 * not copied and must not be changed.
 */
public record StateEntry(byte[] key, byte[] value) {

    /** A {@linkplain EntryKeys#shared shared} scalar. */
    public static StateEntry shared(String name, long value) {
        return new StateEntry(EntryKeys.shared(name), StateWriter.toBytes(w -> w.writeLong(value)));
    }

    /** The value of an entry made by {@link #shared(String, long)}. */
    public long longValue() {
        StateReader reader = StateReader.of(value);
        long result = reader.readLong();
        reader.checkFullyRead();
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateEntry other && Arrays.equals(key, other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(key) + "=" + HexFormat.of().formatHex(value);
    }
}
