package io.laminardb.engine.plan.codegen;

import static io.laminardb.engine.plan.codegen.ExpressionFixture.eval;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** String and math functions, standard and from the libraries {@link LaminarFunctions#operatorTable()} offers. */
class FunctionExpressionsTest {

    @Test
    void upperLowerAndTrimChangeCaseAndSpaces() {
        Object[] row = row("str", " Hello World ");
        assertThat(eval("UPPER(str)", row)).isEqualTo(" HELLO WORLD ");
        assertThat(eval("LOWER(str)", row)).isEqualTo(" hello world ");
        assertThat(eval("TRIM(str)", row)).isEqualTo("Hello World");
        assertThat(eval("TRIM(LEADING 'a' FROM str_n)", row("str_n", "aabc"))).isEqualTo("bc");
    }

    @Test
    void substringCharLengthAndPositionCountFromOne() {
        Object[] row = row("str_n", "abc");
        assertThat(eval("SUBSTRING(str_n FROM 2 FOR 1)", row)).isEqualTo("b");
        assertThat(eval("SUBSTRING(str_n FROM 2)", row)).isEqualTo("bc");
        assertThat(eval("CHAR_LENGTH(str_n)", row)).isEqualTo(3);
        assertThat(eval("POSITION('c' IN str_n)", row)).isEqualTo(3);
        assertThat(eval("POSITION('z' IN str_n)", row)).isEqualTo(0);
    }

    @Test
    void charColumnsKeepTheirPadding() {
        assertThat(eval("CHAR_LENGTH(chr_n)", row("chr_n", "ab "))).isEqualTo(3);
    }

    @Test
    void concatenationWithNullIsNull() {
        assertThat(eval("str_n || '!'", row("str_n", "abc"))).isEqualTo("abc!");
        assertThat(eval("str_n || '!'", row())).isNull();
    }

    @Test
    void likeAndSimilarToMatchPatterns() {
        Object[] row = row("str_n", "abc");
        assertThat(eval("str_n LIKE 'a_c'", row)).isEqualTo(true);
        assertThat(eval("str_n LIKE 'b%'", row)).isEqualTo(false);
        assertThat(eval("str_n NOT LIKE 'b%'", row)).isEqualTo(true);
        assertThat(eval("str_n SIMILAR TO '(a|x)bc'", row)).isEqualTo(true);
        assertThat(eval("str_n LIKE 'a%'", row())).isNull();
    }

    @Test
    void replaceSubstitutesEveryOccurrence() {
        assertThat(eval("REPLACE(str, 'l', 'L')", row("str", "hello"))).isEqualTo("heLLo");
    }

    @Test
    void concatWsSkipsNullArgumentsAsPostgresDoes() {
        assertThat(eval("CONCAT_WS(',', str_n, str, str_n)", row("str_n", "a", "str", "b")))
                .isEqualTo("a,b,a");
        assertThat(eval("CONCAT_WS(',', str, str_n)", row("str", "b"))).isEqualTo("b");
    }

    @Test
    void libraryStringFunctionsCompile() {
        Object[] row = row("str_n", "abc");
        assertThat(eval("LEFT(str_n, 2)", row)).isEqualTo("ab");
        assertThat(eval("RIGHT(str_n, 2)", row)).isEqualTo("bc");
        assertThat(eval("REGEXP_REPLACE(str_n, 'b', 'B')", row)).isEqualTo("aBc");
        assertThat(eval("CONCAT(str_n, 'x', str_n)", row)).isEqualTo("abcxabc");
        assertThat(eval("SUBSTR(str_n, 2)", row)).isEqualTo("bc");
        assertThat(eval("INITCAP(str_n)", row)).isEqualTo("Abc");
        assertThat(eval("STRPOS(str_n, 'c')", row)).isEqualTo(3);
        assertThat(eval("GREATEST(int_n, 3, 9)", row("int_n", 5))).isEqualTo(9);
        assertThat(eval("LPAD(str_n, 5, '*')", row)).isEqualTo("**abc");
        assertThat(eval("SPLIT_PART(str_n, 'b', 2)", row)).isEqualTo("c");
        assertThat(eval("MD5(str_n)", row)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void toCharFormatsTimestampsAsPostgresDoes() {
        assertThat(eval("TO_CHAR(ts, 'YYYY-MM-DD HH24:MI')", row("ts", 1_700_000_123_456L)))
                .isEqualTo("2023-11-14 22:15");
    }

    @Test
    void absKeepsTheTypeAndPassesNullThrough() {
        assertThat(eval("ABS(int_n)", row("int_n", -5))).isEqualTo(5);
        assertThat(eval("ABS(dbl_n)", row("dbl_n", -2.5))).isEqualTo(2.5);
        assertThat(eval("ABS(dbl_n)", row())).isNull();
    }

    @Test
    void roundFloorAndCeilOnDoublesAndDecimals() {
        assertThat(eval("ROUND(dec_n, 1)", row("dec_n", new BigDecimal("12.35"))))
                .isEqualTo(new BigDecimal("12.4"));
        assertThat(eval("ROUND(dbl)", row("dbl", 2.5))).isEqualTo(3.0);
        assertThat(eval("FLOOR(dbl)", row("dbl", -2.5))).isEqualTo(-3.0);
        assertThat(eval("CEIL(dbl)", row("dbl", 2.1))).isEqualTo(3.0);
        assertThat(eval("FLOOR(dec_n)", row("dec_n", new BigDecimal("12.35")))).isEqualTo(new BigDecimal("12"));
    }

    @Test
    void powerSqrtLnAndExpAreDoubles() {
        assertThat(eval("POWER(int_n, 10)", row("int_n", 2))).isEqualTo(1024.0);
        assertThat(eval("SQRT(dbl)", row("dbl", 16.0))).isEqualTo(4.0);
        assertThat((Double) eval("LN(EXP(dbl))", row("dbl", 1.0))).isCloseTo(1.0, within(1e-12));
        assertThat(eval("EXP(dbl)", row("dbl", 0.0))).isEqualTo(1.0);
    }
}
