package io.laminardb.engine.state;

import java.util.List;

/**
 * What a restore did, or would do, with each owner of a snapshot and of the catalog. The checkpoint coordinator applies
 * its {@code Incompatible} policy from it: {@link #changed} owners fail the recovery or are reset, {@link #orphaned}
 * state is dropped or kept aside, but never silently.
 *
 * @param restored the owners whose state was restored (or would be), by name as declared now
 * @param reset the owners with state in the snapshot that start empty because the caller asked for it
 * @param changed the owners whose definition differs from the one their state was taken with; none of them is
 *     restored (a restore refuses to run while one is not also in {@link #reset})
 * @param orphaned the state of owners that no longer exist, as the snapshot holds it
 * @param fresh the owners without state in the snapshot (created since), which start empty
 */
public record RestoreReport(
        List<String> restored,
        List<String> reset,
        List<Incompatibility> changed,
        List<OwnerState> orphaned,
        List<String> fresh) {

    public RestoreReport {
        restored = List.copyOf(restored);
        reset = List.copyOf(reset);
        changed = List.copyOf(changed);
        orphaned = List.copyOf(orphaned);
        fresh = List.copyOf(fresh);
    }

    /** The names of the {@link #changed} owners. */
    public List<String> changedOwners() {
        return changed.stream().map(Incompatibility::owner).toList();
    }

    /**
     * An owner whose state cannot be restored into its current definition.
     *
     * @param owner the owner's name as declared now
     * @param reason what differs, for the message the coordinator shows
     */
    public record Incompatibility(String owner, String reason) {
        @Override
        public String toString() {
            return "'" + owner + "': " + reason;
        }
    }
}
