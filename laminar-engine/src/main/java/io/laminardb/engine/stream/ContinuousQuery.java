package io.laminardb.engine.stream;

import io.laminardb.engine.operator.EmitMode;
import io.laminardb.engine.operator.LateRows;
import io.laminardb.engine.plan.ExplainStep;
import io.laminardb.engine.plan.WindowProbe;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.state.SizedState;
import io.laminardb.engine.state.Stateful;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream or materialized view as the catalog holds it: the query that feeds it, where the query reads from, and the
 * running output.
 *
 * @param name as declared
 * @param kind {@link SqlObjectKind#STREAM} or {@link SqlObjectKind#MATERIALIZED_VIEW}
 * @param definition the statement's query, EMIT clause and options, as written back by the parser: two statements
 *     with the same definition make the same object
 * @param sql the statement that created it
 * @param input the name of the source, stream or view the query reads (the stream side of a lookup join, the left
 *     input of a join of two inputs): the engine thread that runs it runs the query's output
 * @param lookups the names of the query's other inputs, in plan order: the tables its lookup joins read, and the right
 *     input of each join of two inputs
 * @param output the rows the query produces
 * @param emit the emit mode in force (asked for, or the default for the query)
 * @param plan the operators, as {@code EXPLAIN} prints them
 * @param lateRows the late rows of the query's window, counted
 * @param lateStream {@code <name>_late} when {@code late_data = 'side_output'}
 * @param windows the windowed operators, for {@code SHOW WATERMARKS}
 * @param errors the rows the query skipped because an expression failed on them
 * @param operatorState the query's operators that keep state, by role ({@code window-aggregate}; see {@code
 *     StreamingTranslator})
 * @param detach disconnects the query from its input
 */
public record ContinuousQuery(
        String name,
        SqlObjectKind kind,
        String definition,
        String sql,
        String input,
        List<String> lookups,
        StreamRuntime output,
        EmitMode emit,
        List<ExplainStep> plan,
        LateRows lateRows,
        Optional<StreamRuntime> lateStream,
        List<WindowProbe> windows,
        RowErrors errors,
        Map<String, Stateful> operatorState,
        Runnable detach) {

    /** The rows the query's operators that report their size ({@link SizedState}) hold now. */
    public long stateRows() {
        long rows = 0;
        for (Stateful state : operatorState.values()) {
            if (state instanceof SizedState sized) {
                rows += sized.stateRows();
            }
        }
        return rows;
    }

    /** The names of everything the query reads: its input, then its other inputs. */
    public List<String> inputs() {
        List<String> all = new ArrayList<>();
        all.add(input);
        all.addAll(lookups);
        return all;
    }

    /**
     * Everything of the query that a checkpoint keeps, by a name stable for as long as the query's definition is: its
     * operators by role, then {@code late-rows} (the late rows counted), {@code row-errors} (the rows skipped), {@code
     * output} (the stream's counters, and a view's contents) and, with a side output, {@code late-output}.
     */
    public Map<String, Stateful> states() {
        Map<String, Stateful> states = new LinkedHashMap<>(operatorState);
        states.put("late-rows", lateRows);
        states.put("row-errors", errors);
        states.put("output", output);
        lateStream.ifPresent(late -> states.put("late-output", late));
        return Collections.unmodifiableMap(states);
    }
}
