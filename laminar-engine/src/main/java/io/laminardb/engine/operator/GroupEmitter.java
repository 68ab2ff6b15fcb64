package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import java.util.Arrays;

/**
 * Hands a group's result on as changes: the first row as an {@code INSERT}, a changed row as {@code UPDATE_BEFORE} (the
 * old row, when the mode retracts) and {@code UPDATE_AFTER}, an emptied group as a {@code DELETE}. Unchanged rows are
 * not repeated.
 */
final class GroupEmitter {

    private final Groups groups;
    private final boolean retracts;
    private final Operator next;

    GroupEmitter(Groups groups, EmitMode mode, Operator next) {
        this.groups = groups;
        this.retracts = mode.retracts();
        this.next = next;
    }

    /** Emits the group's change since its last emitted row. */
    void emit(Groups.Group group, long timestamp) {
        group.dirty = false;
        Object[] before = group.emitted;
        Object[] now = group.rows > 0 ? groups.outputOrSkip(group) : null;
        if (now == null) {
            if (before != null) {
                next.onRow(before, ChangeEvent.Op.DELETE, timestamp);
            }
        } else if (before == null) {
            next.onRow(now, ChangeEvent.Op.INSERT, timestamp);
        } else if (!Arrays.equals(before, now)) {
            if (retracts) {
                next.onRow(before, ChangeEvent.Op.UPDATE_BEFORE, timestamp);
            }
            next.onRow(now, ChangeEvent.Op.UPDATE_AFTER, timestamp);
        }
        group.emitted = now;
    }

    /** Emits the group's row as final, appended once. */
    void emitFinal(Groups.Group group, long timestamp) {
        if (group.rows > 0) {
            Object[] now = groups.outputOrSkip(group);
            if (now == null) {
                group.dirty = false;
                return;
            }
            next.onRow(now, ChangeEvent.Op.INSERT, timestamp);
            group.emitted = now;
        }
        group.dirty = false;
    }
}
