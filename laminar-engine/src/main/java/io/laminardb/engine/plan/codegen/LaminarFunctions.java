package io.laminardb.engine.plan.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL functions continuous queries may call: Calcite's standard ones, a chosen set of its library functions (see
 * {@link #LIBRARIES}) and LaminarDB's own, today {@link #PROCTIME PROCTIME()}.
 *
 * <p>Our functions are Calcite {@link SqlUserDefinedFunction}s backed by a public static method through {@link
 * ScalarFunctionImpl}: the validator finds them in {@link #operatorTable()}, and Calcite's translator, and so {@link
 * ExpressionCompiler}, generates a plain static call for them. No schema registration is needed.
 */
public final class LaminarFunctions {

    /**
     * Calcite's function libraries whose functions {@link #operatorTable()} offers besides the standard ones: today
     * PostgreSQL's ({@code CONCAT_WS}, {@code LEFT}, {@code RIGHT}, {@code REGEXP_REPLACE}, {@code SPLIT_PART}, {@code
     * STRPOS}, {@code LPAD}, {@code INITCAP}, {@code MD5}, {@code TO_CHAR}, {@code TO_TIMESTAMP}, {@code GREATEST},
     * {@code LEAST}, ...). Adding MySQL's would give {@code CONCAT}, {@code CONCAT_WS}, {@code SUBSTR} and {@code LOG}
     * two definitions each, and Calcite's MySQL {@code CONCAT_WS} leaves a trailing separator after a null last argument;
     * one library keeps every name to one meaning.
     */
    public static final List<SqlLibrary> LIBRARIES = List.of(SqlLibrary.POSTGRESQL);

    /**
     * {@code PROCTIME()}: the wall-clock time at evaluation, as {@code TIMESTAMP(3) NOT NULL} (epoch milliseconds, UTC).
     * Neither deterministic nor constant, so the planner never folds it into a literal.
     */
    public static final SqlUserDefinedFunction PROCTIME =
            new ClockFunction("PROCTIME", ScalarFunctionImpl.create(LaminarFunctions.class, "proctime"));

    /**
     * {@code FIRST_VALUE} and {@code LAST_VALUE} as aggregates, as Flink has them ({@code SELECT k, FIRST_VALUE(price)
     * ... GROUP BY k}); Calcite's own versions are window functions only and would demand {@code OVER}.
     */
    public static final SqlAggFunction FIRST_VALUE = new ArrivalOrderAggFunction(SqlKind.FIRST_VALUE);

    public static final SqlAggFunction LAST_VALUE = new ArrivalOrderAggFunction(SqlKind.LAST_VALUE);

    /**
     * {@code ASOF_MATCH(left time, right time, 'how')}: marks a join as an ASOF join (how = {@code >=}, {@code >},
     * {@code <=}, {@code <}, {@code NEAREST}), written by the planner for {@code ASOF JOIN ... MATCH_CONDITION} and
     * {@code FOR SYSTEM_TIME AS OF}; the translator takes it out of the condition. Never evaluated.
     */
    public static final SqlFunction ASOF_MATCH = new SqlFunction(
            "ASOF_MATCH",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NOT_NULL,
            null,
            OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER),
            SqlFunctionCategory.SYSTEM);

    private static final SqlOperatorTable LAMINAR_OPERATORS =
            SqlOperatorTables.of(PROCTIME, FIRST_VALUE, LAST_VALUE, ASOF_MATCH);

    private static final SqlOperatorTable ALL_OPERATORS = SqlOperatorTables.chain(
            LAMINAR_OPERATORS,
            new Without(
                    SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(withStandard(LIBRARIES)),
                    Set.of(SqlStdOperatorTable.FIRST_VALUE, SqlStdOperatorTable.LAST_VALUE)));

    /** A table without some of its operators: those LaminarDB defines its own way. */
    private record Without(SqlOperatorTable table, Set<SqlOperator> hidden) implements SqlOperatorTable {
        @Override
        public void lookupOperatorOverloads(
                SqlIdentifier opName,
                @Nullable SqlFunctionCategory category,
                SqlSyntax syntax,
                List<SqlOperator> operatorList,
                SqlNameMatcher nameMatcher) {
            List<SqlOperator> found = new ArrayList<>();
            table.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
            found.removeIf(hidden::contains);
            operatorList.addAll(found);
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return table.getOperatorList().stream()
                    .filter(op -> !hidden.contains(op))
                    .toList();
        }
    }

    /** FIRST_VALUE / LAST_VALUE typed as Calcite types them, without the need for an OVER clause. */
    private static final class ArrivalOrderAggFunction extends SqlAggFunction {
        ArrivalOrderAggFunction(SqlKind kind) {
            super(
                    kind.name(),
                    null,
                    kind,
                    ReturnTypes.ARG0_NULLABLE_IF_EMPTY,
                    null,
                    OperandTypes.ANY,
                    SqlFunctionCategory.NUMERIC,
                    false,
                    false,
                    Optionality.FORBIDDEN);
        }
    }

    private LaminarFunctions() {}

    /** Returns the operators a continuous query may call: standard SQL, {@link #LIBRARIES} and LaminarDB's own. */
    public static SqlOperatorTable operatorTable() {
        return ALL_OPERATORS;
    }

    /** Returns LaminarDB's own operators only, for a planner that chains the other tables itself. */
    public static SqlOperatorTable laminarOperatorTable() {
        return LAMINAR_OPERATORS;
    }

    private static List<SqlLibrary> withStandard(List<SqlLibrary> libraries) {
        List<SqlLibrary> all = new ArrayList<>();
        all.add(SqlLibrary.STANDARD);
        all.addAll(libraries);
        return all;
    }

    /**
     * The implementation of {@link #PROCTIME}, called by generated code; public only for that.
     *
     * @return the current epoch milliseconds
     */
    public static long proctime() {
        return System.currentTimeMillis();
    }

    /** A function of no arguments that reads the clock, typed {@code TIMESTAMP(3) NOT NULL}. */
    private static final class ClockFunction extends SqlUserDefinedFunction {

        ClockFunction(String name, Function function) {
            super(
                    new SqlIdentifier(name, SqlParserPos.ZERO),
                    SqlKind.OTHER_FUNCTION,
                    ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3),
                    null,
                    OperandTypes.operandMetadata(List.of(), typeFactory -> List.of(), i -> "", i -> false),
                    function);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }

        @Override
        public boolean isDynamicFunction() {
            return true;
        }
    }
}
