package io.laminardb.engine.plan.codegen;

import static io.laminardb.engine.plan.codegen.ExpressionFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Compiled arithmetic and comparison over random longs, doubles and nulls agree with the same computation written in
 * Java: two's-complement wrap-around for BIGINT, IEEE 754 for DOUBLE, null in gives null out, and a condition is kept
 * only when it is TRUE.
 */
class ArithmeticProperties {

    private static final String SELECT = "big_n + big, big_n - big, big_n * big, -big_n, "
            + "dbl_n + dbl, dbl_n - dbl, dbl_n * dbl, dbl_n / dbl, "
            + "big_n < big, big_n = big, dbl_n >= dbl, big_n + big > big";

    private static final String WHERE = "big_n > big AND (dbl_n < dbl OR big_n = 0)";

    private static final RowProjection PROJECTION;

    private static final RowPredicate PREDICATE;

    static {
        ExpressionFixture.Planned planned = ExpressionFixture.plan(SELECT, WHERE);
        ExpressionCompiler compiler = new ExpressionCompiler(planned.types());
        PROJECTION = compiler.compileProjection(planned.projects(), planned.inputRowType());
        PREDICATE = compiler.compilePredicate(planned.condition(), planned.inputRowType());
    }

    @Property(tries = 500)
    void compiledArithmeticAndComparisonMatchJava(
            @ForAll("nullableLongs") @Nullable Long bigN,
            @ForAll("longs") long big,
            @ForAll("nullableDoubles") @Nullable Double dblN,
            @ForAll("doubles") double dbl) {
        Object[] out = PROJECTION.apply(row("big_n", bigN, "big", big, "dbl_n", dblN, "dbl", dbl));

        Object[] expected = {
            bigN == null ? null : bigN + big,
            bigN == null ? null : bigN - big,
            bigN == null ? null : bigN * big,
            bigN == null ? null : -bigN,
            dblN == null ? null : dblN + dbl,
            dblN == null ? null : dblN - dbl,
            dblN == null ? null : dblN * dbl,
            dblN == null ? null : dblN / dbl,
            bigN == null ? null : bigN < big,
            bigN == null ? null : bigN == big,
            dblN == null ? null : dblN >= dbl,
            bigN == null ? null : bigN + big > big
        };
        assertThat(out).as(Arrays.toString(out)).containsExactly(expected);
    }

    @Property(tries = 500)
    void compiledConditionIsTrueOnlyWhenJavasThreeValuedLogicSaysTrue(
            @ForAll("nullableLongs") @Nullable Long bigN,
            @ForAll("longs") long big,
            @ForAll("nullableDoubles") @Nullable Double dblN,
            @ForAll("doubles") double dbl) {
        Boolean greater = bigN == null ? null : bigN > big;
        Boolean less = dblN == null ? null : dblN < dbl;
        Boolean zero = bigN == null ? null : bigN == 0;
        Boolean expected = and(greater, or(less, zero));

        boolean kept = PREDICATE.test(row("big_n", bigN, "big", big, "dbl_n", dblN, "dbl", dbl));

        assertThat(kept).isEqualTo(Boolean.TRUE.equals(expected));
    }

    private static @Nullable Boolean and(@Nullable Boolean a, @Nullable Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static @Nullable Boolean or(@Nullable Boolean a, @Nullable Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    @Provide
    Arbitrary<Long> longs() {
        // Small values compare equal often enough; the edges make multiplication and addition wrap.
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 3),
                Arbitraries.longs(),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L));
    }

    @Provide
    Arbitrary<Long> nullableLongs() {
        return longs().injectNull(0.2);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.of(
                        0.0, -0.0, 1.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY));
    }

    @Provide
    Arbitrary<Double> nullableDoubles() {
        return doubles().injectNull(0.2);
    }
}
