package io.laminardb.engine.state;

/**
 * Where a snapshot's entries go as they are taken, owner by owner: the seam between the engine, which walks its
 * objects, and a state backend. {@link StateSnapshot.Builder} keeps them in memory; a store that keeps entries between
 * checkpoints (RocksDB) can implement this to write each under its owner and state, and skip those it holds already.
 */
public interface StateSink {

    /** Starts the entries of an owner; those of the owner before are complete. */
    void owner(String name, OwnerKind kind, String fingerprint);

    /**
     * Declares the named state {@code state} of the current owner before its entries, so that a state without entries
     * (a query that has seen no rows yet) is still known to exist.
     */
    void state(String state);

    /** One entry of the named state {@code state} of the current owner. */
    void put(String state, byte[] key, byte[] value);
}
