package io.laminardb.engine.runtime;

import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.source.EventListener;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.IncompatibleStateException;
import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.RestoreReport;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSink;
import io.laminardb.engine.state.StateSnapshot;
import io.laminardb.engine.state.Stateful;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.stream.QueryInput;
import io.laminardb.engine.table.TableRuntime;
import io.laminardb.engine.value.SqlTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Snapshot and restore of a database's state, for {@link DatabaseRuntime}: which objects own state, under which names,
 * with which fingerprints, and how a snapshot is matched to the catalog. Called with the runtime's lock held and the
 * engine paused.
 */
final class DatabaseState {

    /** Source options that change how events are buffered, not what the source's state means. */
    private static final Set<String> BUFFERING_OPTIONS =
            Set.of("buffer_size", "backpressure", "wait_strategy", "idle_timeout");

    /**
     * An object of the catalog that owns state.
     *
     * @param states its parts that keep state, by their names within the owner
     */
    private record Owner(String name, OwnerKind kind, String fingerprint, Map<String, Stateful> states) {}

    private DatabaseState() {}

    /** Writes every owner's state into {@code sink}, in catalog order: sources, tables, then streams and views. */
    static void snapshot(DatabaseRuntime runtime, StateSink sink) {
        for (Owner owner : owners(runtime, listener -> false)) {
            sink.owner(owner.name(), owner.kind(), owner.fingerprint());
            for (Map.Entry<String, Stateful> state : owner.states().entrySet()) {
                String name = state.getKey();
                sink.state(name);
                state.getValue().snapshot((key, value) -> sink.put(name, key, value));
            }
        }
    }

    /**
     * Matches {@code snapshot} to the catalog and, if {@code apply}, restores the state of every owner that matches and
     * is not to be reset.
     *
     * @throws IncompatibleStateException if {@code apply} and an owner changed that {@code reset} does not accept;
     *     nothing is restored then
     */
    static RestoreReport restore(
            DatabaseRuntime runtime, StateSnapshot snapshot, Predicate<String> reset, boolean apply) {
        List<String> restored = new ArrayList<>();
        List<String> resetOwners = new ArrayList<>();
        List<RestoreReport.Incompatibility> changed = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        Set<String> present = new HashSet<>();
        Set<String> restoredQueries = new HashSet<>();
        for (Owner owner : owners(runtime, listener -> false)) {
            present.add(key(owner.name()));
            OwnerState saved = snapshot.owner(owner.name()).orElse(null);
            if (saved == null) {
                fresh.add(owner.name());
            } else if (reset.test(owner.name())) {
                resetOwners.add(owner.name());
            } else {
                String difference = difference(owner, saved);
                if (difference != null) {
                    changed.add(new RestoreReport.Incompatibility(owner.name(), difference));
                } else {
                    restored.add(owner.name());
                    if (owner.kind() == OwnerKind.STREAM || owner.kind() == OwnerKind.MATERIALIZED_VIEW) {
                        restoredQueries.add(key(owner.name()));
                    }
                }
            }
        }
        List<OwnerState> orphaned = snapshot.owners().stream()
                .filter(o -> !present.contains(key(o.name())))
                .toList();
        RestoreReport report = new RestoreReport(restored, resetOwners, changed, orphaned, fresh);
        if (!apply) {
            return report;
        }
        if (!changed.isEmpty()) {
            throw new IncompatibleStateException(changed);
        }
        // A restored query's state holds the rows of the tables it reads; every other reader is handed them.
        Predicate<EventListener> upToDate =
                listener -> listener instanceof QueryInput input && restoredQueries.contains(key(input.query()));
        Set<String> toRestore = restored.stream().map(DatabaseState::key).collect(Collectors.toSet());
        for (Owner owner : owners(runtime, upToDate)) {
            if (toRestore.contains(key(owner.name()))) {
                OwnerState saved = snapshot.owner(owner.name()).orElseThrow();
                owner.states().forEach((name, state) -> state.restore(saved.entries(name)));
            }
        }
        return report;
    }

    /** Why {@code saved} cannot be restored into {@code owner}, or null if it can. */
    private static String difference(Owner owner, OwnerState saved) {
        if (owner.kind() != saved.kind()) {
            return "its state is of a " + describe(saved.kind()) + ", and it is a " + describe(owner.kind()) + " now";
        }
        if (!owner.fingerprint().equals(saved.fingerprint())) {
            return "its definition was [" + saved.fingerprint() + "], and is [" + owner.fingerprint() + "] now";
        }
        if (!owner.states().keySet().equals(saved.stateNames())) {
            return "its state was kept as " + saved.stateNames() + ", and this release keeps it as "
                    + owner.states().keySet();
        }
        return null;
    }

    private static String describe(OwnerKind kind) {
        return kind.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /**
     * Every owner of state in the catalog.
     *
     * @param upToDate the readers of a table whose own state holds its rows, for a table's restore
     */
    private static List<Owner> owners(DatabaseRuntime runtime, Predicate<EventListener> upToDate) {
        List<Owner> owners = new ArrayList<>();
        for (SourceRuntime source : runtime.sources()) {
            owners.add(new Owner(
                    source.name(), OwnerKind.SOURCE, fingerprint(source.definition()), Map.of("source", source)));
        }
        for (TableRuntime table : runtime.tables()) {
            Stateful rows = new Stateful() {
                @Override
                public void snapshot(EntrySink out) {
                    table.snapshot(out);
                }

                @Override
                public void restore(List<StateEntry> entries) {
                    table.restore(entries, upToDate);
                }
            };
            String fingerprint = "columns=" + columns(table.schema()) + " primary key=" + table.primaryKey();
            owners.add(new Owner(table.name(), OwnerKind.TABLE, fingerprint, Map.of("rows", rows)));
        }
        for (ContinuousQuery query : runtime.queries()) {
            OwnerKind kind = query.kind() == SqlObjectKind.STREAM ? OwnerKind.STREAM : OwnerKind.MATERIALIZED_VIEW;
            owners.add(new Owner(query.name(), kind, fingerprint(runtime, query), query.states()));
        }
        return owners;
    }

    /**
     * A source's definition as far as its state depends on it: its columns, its watermark and the options that are not
     * about buffering (those of late data, which its queries follow, and of a connector).
     */
    private static String fingerprint(CatalogSource source) {
        Map<String, String> options = new TreeMap<>();
        source.options().forEach((key, value) -> {
            if (!BUFFERING_OPTIONS.contains(key.toLowerCase(Locale.ROOT))) {
                options.put(key.toLowerCase(Locale.ROOT), value);
            }
        });
        String watermark = source.watermarkColumn() < 0
                ? "none"
                : source.schema().getFields().get(source.watermarkColumn()).getName() + " - "
                        + source.watermarkDelayMillis() + "ms";
        return "columns=" + columns(source.schema()) + " watermark=" + watermark + " options=" + options;
    }

    /**
     * A query's definition as far as its state depends on it: its statement (query, emit mode, options), its columns,
     * and the columns of what it reads, which the rows its operators keep are made of. Not the definitions of its
     * inputs: replacing an input resets that input's state, not its readers'.
     */
    private static String fingerprint(DatabaseRuntime runtime, ContinuousQuery query) {
        StringBuilder text = new StringBuilder(query.definition())
                .append(" columns=")
                .append(columns(query.output().schema()));
        for (String input : query.inputs()) {
            EventPublisher publisher = runtime.publisher(input);
            text.append(" input ").append(publisher.name()).append('=').append(columns(publisher.schema()));
        }
        return text.toString();
    }

    private static String columns(Schema schema) {
        Map<String, String> columns = new LinkedHashMap<>();
        schema.getFields()
                .forEach(field -> columns.put(
                        field.getName(), SqlTypes.sqlName(field) + (field.isNullable() ? "" : " NOT NULL")));
        return columns.entrySet().stream()
                .map(c -> c.getKey() + " " + c.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
