package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.sql.parser.LaminarSqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * A query over table {@code t} planned by Calcite, with the aggregate's calls as the planner made them, and rows of
 * {@code t} turned into rows of the aggregate's input. The table's columns, all nullable: {@code k VARCHAR, i INTEGER,
 * b BIGINT, s SMALLINT, ti TINYINT, d DOUBLE, r REAL, m DECIMAL(10, 2), ts TIMESTAMP(3), dt DATE, bo BOOLEAN}.
 */
final class PlannedAggregate {

    static final List<String> COLUMNS = List.of("k", "i", "b", "s", "ti", "d", "r", "m", "ts", "dt", "bo");

    final List<AggregateCall> calls;
    final RelDataType inputRowType;
    /** For each input column of the aggregate, the table column it reads; for IS TRUE(column), -1 - column. */
    private final int[] projection;

    private PlannedAggregate(LogicalAggregate aggregate) {
        this.calls = aggregate.getAggCallList();
        this.inputRowType = aggregate.getInput().getRowType();
        RelNode input = aggregate.getInput();
        this.projection = new int[inputRowType.getFieldCount()];
        if (input instanceof LogicalProject project) {
            List<RexNode> expressions = project.getProjects();
            for (int i = 0; i < projection.length; i++) {
                projection[i] = column(expressions.get(i));
            }
        } else {
            for (int i = 0; i < projection.length; i++) {
                projection[i] = i;
            }
        }
    }

    /** Plans {@code sql}, which must aggregate over {@code t}. */
    static PlannedAggregate plan(String sql) {
        SchemaPlus root = Frameworks.createRootSchema(true);
        root.add("t", new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory types) {
                return types.builder()
                        .add("k", SqlTypeName.VARCHAR)
                        .nullable(true)
                        .add("i", SqlTypeName.INTEGER)
                        .nullable(true)
                        .add("b", SqlTypeName.BIGINT)
                        .nullable(true)
                        .add("s", SqlTypeName.SMALLINT)
                        .nullable(true)
                        .add("ti", SqlTypeName.TINYINT)
                        .nullable(true)
                        .add("d", SqlTypeName.DOUBLE)
                        .nullable(true)
                        .add("r", SqlTypeName.REAL)
                        .nullable(true)
                        .add("m", SqlTypeName.DECIMAL, 10, 2)
                        .nullable(true)
                        .add("ts", SqlTypeName.TIMESTAMP, 3)
                        .nullable(true)
                        .add("dt", SqlTypeName.DATE)
                        .nullable(true)
                        .add("bo", SqlTypeName.BOOLEAN)
                        .nullable(true)
                        .build();
            }
        });
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .defaultSchema(root)
                .parserConfig(LaminarSqlParser.CONFIG)
                .build();
        Planner planner = Frameworks.getPlanner(config);
        try {
            RelNode rel = planner.rel(planner.validate(planner.parse(sql))).project();
            return new PlannedAggregate(findAggregate(rel));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot plan " + sql, e);
        }
    }

    /** The function of call {@code index}. */
    AggregateFunction function(int index, boolean retractions) {
        return AggregateFunctions.of(calls.get(index), inputRowType, retractions);
    }

    /** Every call's function, in order. */
    List<AggregateFunction> functions(boolean retractions) {
        List<AggregateFunction> functions = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            functions.add(function(i, retractions));
        }
        return functions;
    }

    /** A call of {@code function} on this aggregate's input that the SQL validator would not accept outside OVER. */
    AggregateCall call(SqlAggFunction function, int arg, int filter) {
        RelDataType type = inputRowType.getFieldList().get(arg).getType();
        return AggregateCall.create(
                function, false, false, false, List.of(), List.of(arg), filter, null, RelCollations.EMPTY, type, null);
    }

    /** Index of the aggregate input column that reads table column {@code name}. */
    int input(String name) {
        int column = COLUMNS.indexOf(name);
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] == column) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " is not an input of the aggregate");
    }

    /** An aggregate input row from table column values given as name, value, name, value... */
    Object[] row(Object... namesAndValues) {
        Map<String, Object> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        Object[] table = new Object[COLUMNS.size()];
        for (int i = 0; i < table.length; i++) {
            table[i] = values.get(COLUMNS.get(i));
        }
        return input(table);
    }

    /** The aggregate input row of a table row. */
    Object[] input(Object[] table) {
        Object[] row = new Object[projection.length];
        for (int i = 0; i < row.length; i++) {
            int column = projection[i];
            row[i] = column >= 0 ? table[column] : Boolean.TRUE.equals(table[-1 - column]);
        }
        return row;
    }

    private static int column(RexNode expression) {
        if (expression instanceof RexInputRef ref) {
            return ref.getIndex();
        }
        if (expression.getKind() == SqlKind.IS_TRUE
                && ((RexCall) expression).getOperands().get(0) instanceof RexInputRef ref) {
            return -1 - ref.getIndex();
        }
        throw new IllegalArgumentException("The tests evaluate columns and IS TRUE(column), not " + expression);
    }

    private static LogicalAggregate findAggregate(RelNode rel) {
        if (rel instanceof LogicalAggregate aggregate) {
            return aggregate;
        }
        for (RelNode input : rel.getInputs()) {
            LogicalAggregate found = findAggregate(input);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
