package io.laminardb.engine.durability;

import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a {@link StateSnapshot} from the keys of a RocksDB checkpoint as {@link RocksDbStateLayout#scan} hands them
 * over, checking that they make a whole snapshot: every entry under an owner and a state its owner value names, the
 * owners' positions one each. Not thread-safe; one per read.
 */
final class RocksDbSnapshotReader implements RocksDbStateLayout.Visitor {

    private final List<PendingOwner> owners = new ArrayList<>();
    private PendingOwner current;

    @Override
    public void owner(String owner, byte[] value) {
        current = new PendingOwner(owner, RocksDbStateLayout.OwnerValue.read(owner, value));
        owners.add(current);
    }

    @Override
    public void entry(String owner, String state, byte[] key, byte[] value) {
        if (current == null || !current.name.equals(owner)) {
            throw new StateFormatException("it holds entries of owner '" + owner + "' but not the owner");
        }
        List<StateEntry> entries = current.states.get(state);
        if (entries == null) {
            throw new StateFormatException(
                    "it holds entries of state '" + state + "' of owner '" + owner + "', which has no such state");
        }
        entries.add(new StateEntry(key, value));
    }

    /**
     * The snapshot read.
     *
     * @throws StateFormatException if the owners' positions are not one each, or two owners' names differ only in case
     */
    StateSnapshot snapshot() {
        owners.sort(Comparator.comparingInt(owner -> owner.value.position()));
        StateSnapshot.Builder builder = StateSnapshot.builder();
        for (int i = 0; i < owners.size(); i++) {
            PendingOwner owner = owners.get(i);
            if (owner.value.position() != i) {
                throw new StateFormatException("owner '" + owner.name + "' is at position " + owner.value.position()
                        + " of " + owners.size() + " owners");
            }
            try {
                builder.add(new OwnerState(owner.name, owner.value.kind(), owner.value.fingerprint(), owner.states));
            } catch (IllegalArgumentException e) {
                throw new StateFormatException("it holds owner '" + owner.name + "' twice, in another case", e);
            }
        }
        return builder.build();
    }

    /** An owner read, with its states' entries so far. */
    private static final class PendingOwner {
        final String name;
        final RocksDbStateLayout.OwnerValue value;
        final Map<String, List<StateEntry>> states = new LinkedHashMap<>();

        PendingOwner(String name, RocksDbStateLayout.OwnerValue value) {
            this.name = name;
            this.value = value;
            for (String state : value.states()) {
                if (states.put(state, new ArrayList<>()) != null) {
                    throw new StateFormatException("owner '" + name + "' lists state '" + state + "' twice");
                }
            }
        }
    }
}
