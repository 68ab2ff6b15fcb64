package io.laminardb.engine.stream;

import io.laminardb.engine.plan.codegen.RowCalc;
import io.laminardb.engine.value.Batches;
import io.laminardb.engine.value.SqlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The columnar form of a stateless query (a filter and projection, or nothing, between a source and its stream): runs
 * over a whole Arrow batch and hands the stream one output batch.
 *
 * <p>Output columns that are input columns of the same Arrow type are not evaluated: when every row passes they share
 * the input's buffers (zero-copy), otherwise the selected rows are copied. When the query has a condition or computes
 * a column, each row's used columns are read into one reused row in query form and the query's compiled {@link
 * RowCalc} runs on it, exactly as on the row path: it decides whether the row passes and gives the computed values,
 * which are written into new vectors. A row on which an expression fails is counted in {@link RowErrors} and skipped,
 * as on the row path.
 *
 * <p>Used by one engine thread at a time (the row array is reused).
 */
public final class ColumnarCalc {

    private final Schema input;
    private final Schema output;
    private final @Nullable RowCalc calc;
    private final int[] used;
    private final Batches.ColumnReader[] readers;
    /** Per output column: the input column it shares or copies, or -1 when it is computed. */
    private final int[] source;

    private final Batches.ColumnWriter[] writers;
    private final int[] computed;
    /** Per computed column (in {@link #computed} order) its vector kernel; null unless every one has one. */
    private @Nullable ColumnKernel[] kernels;

    private final Object[] row;
    private int[] selection = new int[0];

    private ColumnarCalc(Schema input, Schema output, @Nullable RowCalc calc, int[] used, int[] source) {
        this.input = input;
        this.output = output;
        this.calc = calc;
        this.used = used.clone();
        this.source = source.clone();
        List<Field> in = input.getFields();
        this.readers = new Batches.ColumnReader[in.size()];
        for (int column : used) {
            readers[column] = Batches.reader(in.get(column));
        }
        List<Field> out = output.getFields();
        this.writers = new Batches.ColumnWriter[out.size()];
        List<Integer> computedColumns = new ArrayList<>();
        for (int c = 0; c < source.length; c++) {
            if (source[c] < 0) {
                writers[c] = Batches.writer(out.get(c));
                computedColumns.add(c);
            }
        }
        this.computed = computedColumns.stream().mapToInt(Integer::intValue).toArray();
        this.row = new Object[in.size()];
    }

    /**
     * The columnar form of a query, or null when it has none.
     *
     * @param calc the compiled filter and projection, or null when the query passes the input on as it is
     * @param projects per output column, the input column it is (a plain reference), or -1 when computed
     * @param hasCondition whether the query filters
     * @param used the input columns the condition and the computed columns read; a plain reference that cannot be
     *     shared (its type changes) is added here, and a shared one is not read row by row at all
     */
    public static @Nullable ColumnarCalc of(
            Schema input, Schema output, @Nullable RowCalc calc, int[] projects, boolean hasCondition, int[] used) {
        return of(input, output, calc, projects, hasCondition, used, null);
    }

    /**
     * As {@link #of(Schema, Schema, RowCalc, int[], boolean, int[])}; a query without a condition whose computed
     * columns are all exact arithmetic over integer columns ({@link ColumnKernel}) is computed over the vectors, not row
     * by row.
     *
     * @param expressions per output column its expression over the input row (expanded), or null
     */
    public static @Nullable ColumnarCalc of(
            Schema input,
            Schema output,
            @Nullable RowCalc calc,
            int[] projects,
            boolean hasCondition,
            int[] used,
            @Nullable List<org.apache.calcite.rex.RexNode> expressions) {
        ColumnarCalc columnar = rowWise(input, output, calc, projects, hasCondition, used);
        if (columnar == null || columnar.calc == null || hasCondition || expressions == null) {
            return columnar;
        }
        ColumnKernel[] kernels = new ColumnKernel[columnar.computed.length];
        for (int i = 0; i < kernels.length; i++) {
            int c = columnar.computed[i];
            kernels[i] = ColumnKernel.of(
                    expressions.get(c), input.getFields(), output.getFields().get(c));
            if (kernels[i] == null) {
                return columnar;
            }
        }
        columnar.kernels = kernels;
        return columnar;
    }

    private static @Nullable ColumnarCalc rowWise(
            Schema input, Schema output, @Nullable RowCalc calc, int[] projects, boolean hasCondition, int[] used) {
        List<Field> in = input.getFields();
        List<Field> out = output.getFields();
        if (projects.length != out.size()) {
            return null;
        }
        int[] source = new int[projects.length];
        boolean evaluates = hasCondition;
        for (int c = 0; c < projects.length; c++) {
            int from = projects[c];
            boolean shared = from >= 0
                    && in.get(from).getType().equals(out.get(c).getType())
                    && Batches.canShareColumn(in.get(from))
                    && Batches.canShareColumn(out.get(c));
            source[c] = shared ? from : -1;
            if (!shared) {
                if (!out.get(c).getChildren().isEmpty()) {
                    return null; // nested output values are left to the row path
                }
                evaluates = true;
            }
        }
        if (evaluates) {
            if (calc == null) {
                return null;
            }
            for (int column : used) {
                if (!in.get(column).getChildren().isEmpty()) {
                    return null;
                }
            }
        }
        java.util.BitSet read = new java.util.BitSet();
        IntStream.of(used).forEach(read::set);
        for (int c = 0; c < projects.length; c++) {
            if (projects[c] >= 0 && source[c] < 0) {
                read.set(projects[c]);
            }
        }
        return new ColumnarCalc(
                input,
                output,
                evaluates ? calc : null,
                evaluates ? read.stream().toArray() : new int[0],
                source);
    }

    /** Whether {@code batch}'s columns have the types this was made for (a pushed batch always does). */
    boolean accepts(VectorSchemaRoot batch) {
        List<FieldVector> vectors = batch.getFieldVectors();
        List<Field> fields = input.getFields();
        if (vectors.size() != fields.size()) {
            return false;
        }
        for (int c = 0; c < vectors.size(); c++) {
            if (!vectors.get(c).getField().getType().equals(fields.get(c).getType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs over {@code batch} (lent: not closed here) and hands the output batch, if it has rows, to {@code out}.
     *
     * @param eventTimeColumn the input column holding the event time, or -1
     */
    void run(VectorSchemaRoot batch, StreamRuntime out, RowErrors errors, int eventTimeColumn) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        List<FieldVector> in = batch.getFieldVectors();
        try (VectorSchemaRoot result = VectorSchemaRoot.create(output, in.get(0).getAllocator())) {
            List<FieldVector> outVectors = result.getFieldVectors();
            int kept = calc == null
                    ? rows
                    : kernels != null && computeColumns(in, rows, outVectors)
                            ? rows
                            : evaluate(in, rows, outVectors, errors);
            int[] selection = this.selection;
            for (int c = 0; c < source.length; c++) {
                int from = source[c];
                if (from < 0) {
                    continue;
                }
                FieldVector to = outVectors.get(c);
                if (kept == rows) {
                    Batches.shareColumn(in.get(from), to, rows);
                } else {
                    FieldVector vector = in.get(from);
                    for (int k = 0; k < kept; k++) {
                        to.copyFromSafe(selection[k], k, vector);
                    }
                }
            }
            if (kept == 0) {
                return;
            }
            for (int c : computed) {
                outVectors.get(c).setValueCount(kept);
            }
            result.setRowCount(kept);
            boolean all = kept == rows;
            IntToLongFunction eventTime = eventTimeColumn < 0
                    ? k -> Long.MIN_VALUE
                    : eventTimes(in.get(eventTimeColumn), all ? null : selection);
            out.onBatch(result, eventTime);
        }
    }

    /** Computes every computed column with its kernel; false when one could not, and the rows must be evaluated. */
    private boolean computeColumns(List<FieldVector> in, int rows, List<FieldVector> outVectors) {
        FieldVector[] vectors = in.toArray(FieldVector[]::new);
        ColumnKernel[] kernels = this.kernels;
        for (int i = 0; i < kernels.length; i++) {
            if (!kernels[i].run(vectors, rows, outVectors.get(computed[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Evaluates the query on each row; writes the computed columns and the selection; returns the rows kept. */
    private int evaluate(List<FieldVector> in, int rows, List<FieldVector> outVectors, RowErrors errors) {
        if (selection.length < rows) {
            selection = new int[rows];
        }
        int[] selection = this.selection;
        int[] used = this.used;
        Batches.ColumnReader[] readers = this.readers;
        FieldVector[] usedVectors = new FieldVector[row.length];
        for (int column : used) {
            usedVectors[column] = in.get(column);
        }
        FieldVector[] computedVectors = new FieldVector[computed.length];
        for (int i = 0; i < computed.length; i++) {
            computedVectors[i] = outVectors.get(computed[i]);
        }
        Object[] row = this.row;
        RowCalc calc = this.calc;
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            for (int column : used) {
                row[column] = readers[column].read(usedVectors[column], r);
            }
            Object[] values;
            try {
                values = calc.apply(row);
                if (values == null) {
                    continue;
                }
                for (int i = 0; i < computed.length; i++) {
                    int c = computed[i];
                    writers[c].write(computedVectors[i], kept, values[c]);
                }
            } catch (RuntimeException e) {
                errors.failed(row.clone(), e);
                continue;
            }
            selection[kept++] = r;
        }
        return kept;
    }

    private static IntToLongFunction eventTimes(FieldVector times, int @Nullable [] selection) {
        if (times instanceof TimeStampMilliVector millis) {
            return k -> {
                int r = selection == null ? k : selection[k];
                return millis.isNull(r) ? Long.MIN_VALUE : millis.get(r);
            };
        }
        return k -> SqlValues.epochMillis(
                io.laminardb.engine.value.ArrowValues.read(times, selection == null ? k : selection[k]));
    }
}
