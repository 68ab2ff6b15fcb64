package io.laminardb.engine.plan.codegen;

import static io.laminardb.engine.plan.codegen.ExpressionFixture.eval;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.row;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Arithmetic, comparison, logic, CASE, CAST and null handling, compiled and run over rows of the fixture table. */
class ScalarExpressionsTest {

    @Test
    void integerAdditionWrapsAroundOnOverflowAsCalciteDefaultConformanceDoes() {
        assertThat(eval("int_v + 1", row("int_v", Integer.MAX_VALUE))).isEqualTo(Integer.MIN_VALUE);
        assertThat(eval("big_n * 2", row("big_n", Long.MAX_VALUE))).isEqualTo(-2L);
    }

    @Test
    void castToBigintBeforeAddingAvoidsIntegerOverflow() {
        assertThat(eval("CAST(int_v AS BIGINT) + 1", row("int_v", Integer.MAX_VALUE)))
                .isEqualTo(2_147_483_648L);
    }

    @Test
    void integerDivisionTruncatesTowardZero() {
        assertThat(eval("int_n / 2", row("int_n", 7))).isEqualTo(3);
        assertThat(eval("int_n / 2", row("int_n", -7))).isEqualTo(-3);
    }

    @Test
    void integerDivisionByZeroThrowsWhileDoubleDivisionGivesInfinity() {
        assertThat(eval("dbl / 0", row("dbl", 2.5))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> eval("int_n / 0", row("int_n", 7))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void modKeepsTheSignOfTheDividend() {
        assertThat(eval("MOD(int_n, 3)", row("int_n", 7))).isEqualTo(1);
        assertThat(eval("MOD(int_n, 3)", row("int_n", -7))).isEqualTo(-1);
    }

    @Test
    void decimalArithmeticStaysDecimal() {
        BigDecimal price = new BigDecimal("12.35");
        assertThat(eval("dec_n * 2", row("dec_n", price))).isEqualTo(new BigDecimal("24.70"));
        assertThat(eval("dec_n + 1.5", row("dec_n", price))).isEqualTo(new BigDecimal("13.85"));
    }

    @Test
    void arithmeticOnNullGivesNull() {
        assertThat(eval("int_n + 1", row())).isNull();
        assertThat(eval("dbl_n * 2", row())).isNull();
    }

    @Test
    void resultsAreBoxedInTheClassCalciteKeepsTheirTypeIn() {
        Object[] out = ExpressionFixture.project(
                "small_n + tiny_n, CAST(int_v AS SMALLINT), CAST(int_v AS TINYINT), real_n * 2, big + 1, dec_n",
                row("small_n", (short) 3, "tiny_n", (byte) 2, "int_v", 5, "real_n", 1.5f, "dec_n", BigDecimal.ONE));
        assertThat(out).containsExactly((short) 5, (short) 5, (byte) 5, 3.0f, 1L, BigDecimal.ONE);
    }

    @Test
    void comparisonsOfNumbersStringsAndNullsFollowSql() {
        assertThat(eval("int_n > 3", row("int_n", 4))).isEqualTo(true);
        assertThat(eval("dbl <= 2.5", row("dbl", 2.5))).isEqualTo(true);
        assertThat(eval("str <> 'a'", row("str", "a"))).isEqualTo(false);
        assertThat(eval("int_n = 3", row())).isNull();
        assertThat(eval("int_n BETWEEN 1 AND 10", row("int_n", 7))).isEqualTo(true);
    }

    @Test
    void nullInAndWithFalseIsFalse() {
        assertThat(eval("flag_n AND FALSE", row())).isEqualTo(false);
        assertThat(eval("flag_n AND flag2_n", row("flag2_n", false))).isEqualTo(false);
    }

    @Test
    void nullInAndWithTrueIsNull() {
        assertThat(eval("flag_n AND flag2_n", row("flag2_n", true))).isNull();
    }

    @Test
    void nullInOrWithTrueIsTrue() {
        assertThat(eval("flag_n OR flag2_n", row("flag2_n", true))).isEqualTo(true);
    }

    @Test
    void nullInOrWithFalseIsNull() {
        assertThat(eval("flag_n OR flag2_n", row("flag2_n", false))).isNull();
    }

    @Test
    void notOfNullIsNull() {
        assertThat(eval("NOT flag_n", row())).isNull();
        assertThat(eval("NOT flag_n", row("flag_n", true))).isEqualTo(false);
    }

    @Test
    void predicateIsFalseWhenConditionIsNull() {
        assertThat(test("int_n > 3", row())).isFalse();
        assertThat(test("flag_n OR flag2_n", row("flag2_n", false))).isFalse();
        assertThat(test("NOT (int_n > 3)", row())).isFalse();
    }

    @Test
    void predicateIsTrueOnlyWhenConditionIsTrue() {
        assertThat(test("int_n > 3 AND str LIKE 'a%'", row("int_n", 4, "str", "abc")))
                .isTrue();
        assertThat(test("int_n > 3 AND str LIKE 'a%'", row("int_n", 4, "str", "xbc")))
                .isFalse();
        assertThat(test("flag_n OR flag2_n", row("flag2_n", true))).isTrue();
    }

    @Test
    void isTrueTurnsNullIntoFalse() {
        assertThat(eval("(int_n = 7) IS TRUE", row())).isEqualTo(false);
        assertThat(eval("(int_n = 7) IS TRUE", row("int_n", 7))).isEqualTo(true);
    }

    @Test
    void searchedCaseTakesTheFirstMatchingBranch() {
        String expr = "CASE WHEN int_n > 5 THEN 'big' WHEN int_n > 2 THEN 'mid' ELSE 'small' END";
        // The branches' type is CHAR(5), so shorter literals are padded, as Calcite types CASE over literals.
        assertThat(eval(expr, row("int_n", 7))).isEqualTo("big  ");
        assertThat(eval(expr, row("int_n", 3))).isEqualTo("mid  ");
        assertThat(eval(expr, row())).isEqualTo("small");
    }

    @Test
    void simpleCaseWithoutElseGivesNullWhenNothingMatches() {
        assertThat(eval("CASE int_n WHEN 7 THEN 1 END", row("int_n", 7))).isEqualTo(1);
        assertThat(eval("CASE int_n WHEN 7 THEN 1 END", row("int_n", 8))).isNull();
    }

    @Test
    void castBetweenStringsAndNumbers() {
        assertThat(eval("CAST(str AS INTEGER)", row("str", "42"))).isEqualTo(42);
        assertThat(eval("CAST(str AS DOUBLE)", row("str", "2.5"))).isEqualTo(2.5);
        assertThat(eval("CAST(int_n AS VARCHAR)", row("int_n", 7))).isEqualTo("7");
        assertThat(eval("CAST(dbl AS BIGINT)", row("dbl", 2.9))).isEqualTo(2L);
    }

    @Test
    void castOfAnUnparsableStringToANumberThrows() {
        assertThatThrownBy(() -> eval("CAST(str AS INTEGER)", row("str", "x")))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void castToDecimalRoundsToTheTargetScale() {
        assertThat(eval("CAST(dbl AS DECIMAL(10, 3))", row("dbl", 2.5))).isEqualTo(new BigDecimal("2.500"));
        assertThat(eval("CAST(str AS DECIMAL(5, 1))", row("str", " 12.5 "))).isEqualTo(new BigDecimal("12.5"));
        assertThat(eval("CAST(dec_n AS INTEGER)", row("dec_n", new BigDecimal("12.35"))))
                .isEqualTo(12);
    }

    @Test
    void castOfNullIsNull() {
        assertThat(eval("CAST(int_n AS VARCHAR)", row())).isNull();
    }

    @Test
    void inListMatchesAnyElementAndIsNullForNullInput() {
        assertThat(eval("int_n IN (1, 7)", row("int_n", 7))).isEqualTo(true);
        assertThat(eval("int_n IN (1, 7)", row("int_n", 3))).isEqualTo(false);
        assertThat(eval("int_n NOT IN (1, 7)", row("int_n", 3))).isEqualTo(true);
        assertThat(eval("int_n IN (1, 7)", row())).isNull();
        assertThat(eval("str IN ('a', 'b')", row("str", "b"))).isEqualTo(true);
    }

    @Test
    void isNullAndIsNotNullAreNeverNull() {
        assertThat(eval("int_n IS NULL", row())).isEqualTo(true);
        assertThat(eval("int_n IS NULL", row("int_n", 1))).isEqualTo(false);
        assertThat(eval("str_n IS NOT NULL", row("str_n", "x"))).isEqualTo(true);
        assertThat(eval("str_n IS NOT NULL", row())).isEqualTo(false);
    }

    @Test
    void coalesceTakesTheFirstNonNull() {
        assertThat(eval("COALESCE(int_n, 0)", row())).isEqualTo(0);
        assertThat(eval("COALESCE(int_n, 0)", row("int_n", 7))).isEqualTo(7);
        assertThat(eval("COALESCE(str_n, chr_n, 'none')", row())).isEqualTo("none");
    }

    @Test
    void nullIfGivesNullWhenBothAreEqual() {
        assertThat(eval("NULLIF(int_n, 7)", row("int_n", 7))).isNull();
        assertThat(eval("NULLIF(int_n, 7)", row("int_n", 8))).isEqualTo(8);
    }
}
