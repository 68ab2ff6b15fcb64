package io.laminardb.engine.plan.codegen;

import static io.laminardb.engine.plan.codegen.ExpressionFixture.plan;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.SqlValidationException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The compiler's contract: fused calc, fresh output rows, the class cache and the error for what Calcite cannot run. */
class ExpressionCompilerTest {

    @Test
    void calcReturnsTheProjectionForRowsTheConditionKeeps() {
        ExpressionFixture.Planned planned = plan("10 / int_n, UPPER(str)", "int_n <> 0");
        RowCalc calc = new ExpressionCompiler(planned.types()).compileCalc(planned.program());
        assertThat(calc.apply(row("int_n", 5, "str", "a"))).containsExactly(2, "A");
    }

    @Test
    void calcReturnsNullForRowsTheConditionDropsWithoutComputingTheProjection() {
        ExpressionFixture.Planned planned = plan("10 / int_n", "int_n <> 0");
        RowCalc calc = new ExpressionCompiler(planned.types()).compileCalc(planned.program());
        // 10 / 0 would throw: the projection must not run for a filtered row.
        assertThat(calc.apply(row("int_n", 0))).isNull();
        assertThat(calc.apply(row())).isNull();
    }

    @Test
    void calcWithoutConditionKeepsEveryRow() {
        ExpressionFixture.Planned planned = plan("big + 1", null);
        RowCalc calc = new ExpressionCompiler(planned.types()).compileCalc(planned.program());
        assertThat(calc.apply(row("big", 1L))).containsExactly(2L);
    }

    @Test
    void calcSharesSubExpressionsBetweenConditionAndProjection() {
        ExpressionFixture.Planned planned = plan("int_n * 2 + 1", "int_n * 2 > 4");
        RowCalc calc = new ExpressionCompiler(planned.types()).compileCalc(planned.program());
        assertThat(calc.apply(row("int_n", 3))).containsExactly(7);
        assertThat(calc.apply(row("int_n", 2))).isNull();
    }

    @Test
    void projectionReturnsAFreshArrayPerCall() {
        ExpressionFixture.Planned planned = plan("big", null);
        RowProjection projection =
                new ExpressionCompiler(planned.types()).compileProjection(planned.projects(), planned.inputRowType());
        Object[] first = projection.apply(row("big", 1L));
        Object[] second = projection.apply(row("big", 2L));
        assertThat(first).isNotSameAs(second).containsExactly(1L);
        assertThat(second).containsExactly(2L);
    }

    @Test
    void compilingTheSameExpressionsAgainReusesTheGeneratedClass() {
        ExpressionFixture.Planned first = plan("big * 3 + int_v, LOWER(str)", "int_n > 17");
        ExpressionFixture.Planned second = plan("big * 3 + int_v, LOWER(str)", "int_n > 17");
        RowProjection projection =
                new ExpressionCompiler(first.types()).compileProjection(first.projects(), first.inputRowType());
        RowPredicate predicate =
                new ExpressionCompiler(first.types()).compilePredicate(first.condition(), first.inputRowType());
        long compilations = ExpressionCompiler.CACHE.compilations();

        RowProjection again =
                new ExpressionCompiler(second.types()).compileProjection(second.projects(), second.inputRowType());
        RowPredicate predicateAgain =
                new ExpressionCompiler(second.types()).compilePredicate(second.condition(), second.inputRowType());

        assertThat(ExpressionCompiler.CACHE.compilations()).isEqualTo(compilations);
        assertThat(again).isNotSameAs(projection).hasSameClassAs(projection);
        assertThat(predicateAgain).hasSameClassAs(predicate);
    }

    @Test
    void expressionsOverDifferentInputTypesGetDifferentClasses() {
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
        RexBuilder rex = new RexBuilder(types);
        RelDataType ints = types.builder().add("x", SqlTypeName.INTEGER).build();
        RelDataType longs = types.builder().add("x", SqlTypeName.BIGINT).build();
        ExpressionCompiler compiler = new ExpressionCompiler(types);

        RowProjection overInts = compiler.compileProjection(List.of(firstField(rex, ints)), ints);
        RowProjection overLongs = compiler.compileProjection(List.of(firstField(rex, longs)), longs);

        assertThat(overInts.getClass()).isNotEqualTo(overLongs.getClass());
        assertThat(overInts.apply(new Object[] {1})).containsExactly(1);
        assertThat(overLongs.apply(new Object[] {1L})).containsExactly(1L);
    }

    @Test
    void anExpressionCalciteCannotImplementIsRejectedByName() {
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
        RexBuilder rex = new RexBuilder(types);
        RelDataType input = types.builder().add("x", SqlTypeName.INTEGER).build();
        SqlFunction mystery = new SqlFunction(
                "MYSTERY",
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0,
                null,
                OperandTypes.NUMERIC,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        RexNode call = rex.makeCall(mystery, firstField(rex, input));
        RexNode plus = rex.makeCall(SqlStdOperatorTable.PLUS, call, rex.makeExactLiteral(BigDecimal.ONE));

        assertThatThrownBy(() -> new ExpressionCompiler(types).compileProjection(List.of(plus), input))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("MYSTERY($0)")
                .hasMessageContaining("is not supported in continuous queries");
        assertThatThrownBy(() -> new ExpressionCompiler(types)
                        .compilePredicate(
                                rex.makeCall(
                                        SqlStdOperatorTable.GREATER_THAN, call, rex.makeExactLiteral(BigDecimal.ONE)),
                                input))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("MYSTERY($0)");
    }

    @Test
    void operatorTableResolvesStandardLibraryAndLaminarFunctions() {
        ExpressionFixture.Planned planned = plan("UPPER(str), SPLIT_PART(str, '.', 1), PROCTIME()", null);
        assertThat(planned.projects()).hasSize(3);
    }

    private static RexNode firstField(RexBuilder rex, RelDataType rowType) {
        return rex.makeInputRef(rowType.getFieldList().get(0).getType(), 0);
    }
}
