package io.laminardb.engine.state;

/**
 * The layout of entry keys, which lets a state be written by every partition of a keyed operator and read back into
 * another number of partitions without knowing more of it:
 *
 * <pre>
 * shared: | 'S' | name string |
 *         a scalar every partition holds alike (the operator's watermark); written once, given to every partition
 * keyed:  | 'K' | partition values (a row of values) | the operator's own key bytes |
 *         one group, window of a group, or session; given to the partition its values hash to
 * </pre>
 *
 * The partition values are those the query's exchange hashes to pick a partition: the operator's group columns other
 * than window bounds, in order (see {@code PartitionOperator}).
 */
public final class EntryKeys {

    /** The tag of a shared key. */
    public static final byte SHARED = 'S';

    /** The tag of a keyed key. */
    public static final byte KEYED = 'K';

    private EntryKeys() {}

    /** The key of the shared scalar {@code name}. */
    public static byte[] shared(String name) {
        return StateWriter.toBytes(w -> w.writeByte(SHARED).writeString(name));
    }

    /** A keyed key: the partition values and nothing after them. */
    public static byte[] keyed(Object[] partitionValues) {
        return StateWriter.toBytes(w -> w.writeByte(KEYED).writeRow(partitionValues));
    }

    /** A keyed key: the partition values and a long of the operator's own (a window end, a session start). */
    public static byte[] keyed(Object[] partitionValues, long suffix) {
        return StateWriter.toBytes(
                w -> w.writeByte(KEYED).writeRow(partitionValues).writeLong(suffix));
    }

    public static boolean isShared(byte[] key) {
        return key.length > 0 && key[0] == SHARED;
    }

    public static boolean isKeyed(byte[] key) {
        return key.length > 0 && key[0] == KEYED;
    }

    /** The name of a shared key. */
    public static String sharedName(byte[] key) {
        StateReader reader = StateReader.of(key);
        expect(reader, SHARED);
        String name = reader.readString();
        reader.checkFullyRead();
        return name;
    }

    /** The partition values of a keyed key. */
    public static Object[] partitionValues(byte[] key) {
        return keyedReader(key).readRow();
    }

    /** The long after the partition values of a key made by {@link #keyed(Object[], long)}. */
    public static long suffix(byte[] key) {
        StateReader reader = keyedReader(key);
        reader.readRow();
        long suffix = reader.readLong();
        reader.checkFullyRead();
        return suffix;
    }

    /** A reader of a keyed key, placed at its partition values. */
    private static StateReader keyedReader(byte[] key) {
        StateReader reader = StateReader.of(key);
        expect(reader, KEYED);
        return reader;
    }

    private static void expect(StateReader reader, byte tag) {
        int found = reader.readByte();
        if (found != tag) {
            throw new StateFormatException("expected an entry key tagged '" + (char) tag + "', found " + found);
        }
    }
}
