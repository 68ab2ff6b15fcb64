package io.laminardb.engine.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of one source, table, stream or view in a snapshot: its name as declared, its kind, the fingerprint of its
 * definition, and its named states, each a list of entries. Immutable.
 *
 * @see StateSnapshot
 */
public final class OwnerState {

    private final String name;
    private final OwnerKind kind;
    private final String fingerprint;
    private final Map<String, List<StateEntry>> states;

    /**
     * @param fingerprint the definition the state belongs to, as the engine describes it: state is restored only into
     *     an object with an equal fingerprint
     * @param states each named state's entries, in the order the states were written
     */
    public OwnerState(String name, OwnerKind kind, String fingerprint, Map<String, List<StateEntry>> states) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        Map<String, List<StateEntry>> copy = new LinkedHashMap<>();
        states.forEach((state, entries) -> copy.put(state, List.copyOf(entries)));
        this.states = Collections.unmodifiableMap(copy);
    }

    public String name() {
        return name;
    }

    public OwnerKind kind() {
        return kind;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The names of the states, in the order they were written. */
    public Set<String> stateNames() {
        return states.keySet();
    }

    /** The entries of state {@code state}; empty if there is no such state. */
    public List<StateEntry> entries(String state) {
        return states.getOrDefault(state, List.of());
    }

    /** Every state's entries, by state name. */
    public Map<String, List<StateEntry>> states() {
        return states;
    }

    /** The number of entries over all states. */
    public int entryCount() {
        return states.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnerState other
                && name.equals(other.name)
                && kind == other.kind
                && fingerprint.equals(other.fingerprint)
                && states.equals(other.states)
                && List.copyOf(states.keySet()).equals(List.copyOf(other.states.keySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, fingerprint, states);
    }

    @Override
    public String toString() {
        return kind + " " + name + " " + states.keySet() + " (" + entryCount() + " entries)";
    }
}
