package io.laminardb.engine.state;

/** Takes the entries of one named state as a {@link Stateful} part writes them. */
@FunctionalInterface
public interface EntrySink {

    /** One entry; the arrays are handed over and not changed afterwards. */
    void put(byte[] key, byte[] value);

    /** One entry. */
    default void put(StateEntry entry) {
        put(entry.key(), entry.value());
    }
}
