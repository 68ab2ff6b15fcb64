package io.laminardb.engine.state;

import io.laminardb.engine.LaminarException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A restore met owners whose definition changed since their state was taken, and was not told to reset them. Nothing
 * was restored.
 */
public final class IncompatibleStateException extends LaminarException {

    private final List<RestoreReport.Incompatibility> changed;

    public IncompatibleStateException(List<RestoreReport.Incompatibility> changed) {
        super("The checkpoint's state does not fit the current definition of "
                + changed.stream().map(Object::toString).collect(Collectors.joining("; "))
                + ". Reset their state (onIncompatible = RESET), or declare them as they were.");
        this.changed = List.copyOf(changed);
    }

    /** The owners that changed, and how. */
    public List<RestoreReport.Incompatibility> changed() {
        return changed;
    }
}
