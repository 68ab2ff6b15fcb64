package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlSyntaxException;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every example of docs/functions.md through the public API and checks the result the page shows. The pairs
 * here and the page's tables are kept identical: change one, change the other.
 */
class FunctionReferenceTest {

    /** The sample row the scalar examples read. */
    private static final String SAMPLE_SOURCE =
            "CREATE SOURCE src (n INT, price DOUBLE, name VARCHAR, ts TIMESTAMP(3), missing INT)";

    private static final String SAMPLE_ROW =
            "INSERT INTO src VALUES (7, 2.5, 'laminar', TIMESTAMP '2026-03-14 15:09:26.535', NULL)";

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.inMemory();
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                example("7 / 2", "3"),
                example("-7 / 2", "-3"),
                example("n / 2.0", "3.500000"),
                example("price / 2", "1.25"),
                example("MOD(7, 3)", "1"),
                example("MOD(-7, 3)", "-1"),
                example("n * 1.5", "10.5"),
                example("price + n", "9.5"),
                example("2147483647 + 1", "-2147483648"),
                example("CAST(n AS BIGINT) * 3000000000", "21000000000"),
                example("price / 0", "Infinity"),
                example("n <> 7", "false"),
                example("n >= 7", "true"),
                example("missing = NULL", "null"),
                example("missing IS NULL", "true"),
                example("n IS NOT NULL", "true"),
                example("missing IS DISTINCT FROM n", "true"),
                example("n IS NOT DISTINCT FROM 7", "true"),
                example("n = 7 AND missing > 0", "null"),
                example("n = 8 AND missing > 0", "false"),
                example("n = 7 OR missing > 0", "true"),
                example("NOT (missing > 0)", "null"),
                example("(missing > 0) IS UNKNOWN", "true"),
                example("CASE WHEN n > 5 THEN 'big' ELSE 'small' END", "big"),
                example("CASE WHEN n > 5 THEN 'big' ELSE 'small' END || '!'", "big!"),
                example("CASE n WHEN 7 THEN 'seven' ELSE 'other' END", "seven"),
                example("CASE WHEN missing > 0 THEN 'yes' END", "null"),
                example("CAST('42' AS INTEGER)", "42"),
                example("CAST(price AS INTEGER)", "2"),
                example("CAST(n AS DOUBLE)", "7.0"),
                example("CAST(3.14159 AS DECIMAL(5, 2))", "3.14"),
                example("CAST(n AS VARCHAR)", "7"),
                example("CAST(price AS VARCHAR)", "2.5"),
                example("CAST(TRUE AS VARCHAR)", "TRUE"),
                example("CAST(n AS CHAR(3)) || '|'", "7  |"),
                example("CAST(ts AS VARCHAR)", "2026-03-14 15:09:26"),
                example("CAST(ts AS DATE)", "2026-03-14"),
                example("CAST(ts AS TIME)", "15:09:26.535"),
                example("CAST(ts AS BIGINT)", "1773500966535"),
                example("CAST('2026-03-14 15:09:26.535' AS TIMESTAMP(3))", "2026-03-14T15:09:26.535Z"),
                example("CAST('2026-03-14 15:09:26.535' AS TIMESTAMP)", "2026-03-14T15:09:26Z"),
                example("CAST('2026-03-14' AS DATE)", "2026-03-14"),
                example("n IN (1, 7, 9)", "true"),
                example("n NOT IN (1, 2)", "true"),
                example("n BETWEEN 5 AND 10", "true"),
                example("name LIKE 'lam%'", "true"),
                example("name LIKE '_aminar'", "true"),
                example("name NOT LIKE '%x%'", "true"),
                example("name SIMILAR TO 'l[a-z]+'", "true"),
                example("COALESCE(missing, n, 0)", "7"),
                example("NULLIF(n, 7)", "null"));
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                example("name || '-db'", "laminar-db"),
                example("name || NULL", "null"),
                example("CONCAT('a', 'b', 'c')", "abc"),
                example("CONCAT(name, NULL)", "laminar"),
                example("UPPER(name)", "LAMINAR"),
                example("LOWER('LaMinar')", "laminar"),
                example("INITCAP('hello stream world')", "Hello Stream World"),
                example("CHAR_LENGTH(name)", "7"),
                example("CHARACTER_LENGTH(name)", "7"),
                example("LENGTH(name)", "7"),
                example("SUBSTRING(name FROM 2 FOR 3)", "ami"),
                example("SUBSTRING(name FROM 4)", "inar"),
                example("SUBSTRING(name, 2, 3)", "ami"),
                example("SUBSTR(name, 2, 3)", "ami"),
                example("POSITION('min' IN name)", "3"),
                example("POSITION('z' IN name)", "0"),
                example("TRIM('  x  ')", "x"),
                example("TRIM(LEADING 'x' FROM 'xxaxx')", "axx"),
                example("TRIM(TRAILING 'x' FROM 'xxaxx')", "xxa"),
                example("TRIM(BOTH 'x' FROM 'xxaxx')", "a"),
                example("LTRIM('  x')", "x"),
                example("RTRIM('x  ')", "x"),
                example("OVERLAY(name PLACING 'XX' FROM 2 FOR 3)", "lXXnar"),
                example("REPLACE(name, 'a', 'o')", "lominor"),
                example("TRANSLATE('abc', 'ab', 'xy')", "xyc"),
                example("REPEAT('ab', 3)", "ababab"),
                example("ASCII('A')", "65"),
                example("CHR(65)", "A"),
                example("SOUNDEX('Robert')", "R163"),
                example("DIFFERENCE('Robert', 'Rupert')", "4"),
                example("UPPER(missing)", "null"));
    }

    static Stream<Arguments> math() {
        return Stream.of(
                example("ABS(-5)", "5"),
                example("ABS(-2.5)", "2.5"),
                example("CEIL(2.1)", "3"),
                example("CEILING(2.1)", "3"),
                example("FLOOR(-2.1)", "-3"),
                example("ROUND(price)", "3.0"),
                example("ROUND(-2.5)", "-3.0"),
                example("ROUND(2.567, 2)", "2.570"),
                example("TRUNCATE(2.567, 1)", "2.500"),
                example("SIGN(-3)", "-1"),
                example("SQRT(16)", "4.0"),
                example("CBRT(27)", "3.0"),
                example("POWER(2, 10)", "1024.0"),
                example("POWER(n, 2)", "49.0"),
                example("EXP(1)", "2.718281828459045"),
                example("LN(1)", "0.0"),
                example("LOG10(1000)", "2.9999999999999996"),
                example("LOG(100)", "2.0"),
                example("LOG(2, 8)", "3.0"),
                example("PI", "3.141592653589793"),
                example("PI()", "3.141592653589793"),
                example("SIN(0)", "0.0"),
                example("COS(0)", "1.0"),
                example("TAN(0)", "0.0"),
                example("COT(1)", "0.6420926159343306"),
                example("ASIN(1)", "1.5707963267948966"),
                example("ACOS(1)", "0.0"),
                example("ATAN(1)", "0.7853981633974483"),
                example("ATAN2(1, 1)", "0.7853981633974483"),
                example("SINH(0)", "0.0"),
                example("COSH(0)", "1.0"),
                example("TANH(0)", "0.0"),
                example("DEGREES(PI)", "180.0"),
                example("RADIANS(180)", "3.141592653589793"),
                example("RAND() < 1", "true"),
                example("RAND_INTEGER(10) < 10", "true"));
    }

    static Stream<Arguments> dateTime() {
        return Stream.of(
                example("TIMESTAMP '2026-03-14 15:09:26.535'", "2026-03-14T15:09:26.535Z"),
                example("DATE '2026-03-14'", "2026-03-14"),
                example("TIME '15:09:26'", "15:09:26"),
                example("EXTRACT(YEAR FROM ts)", "2026"),
                example("EXTRACT(QUARTER FROM ts)", "1"),
                example("EXTRACT(MONTH FROM ts)", "3"),
                example("EXTRACT(WEEK FROM ts)", "11"),
                example("EXTRACT(DAY FROM ts)", "14"),
                example("EXTRACT(DOY FROM ts)", "73"),
                example("EXTRACT(DOW FROM ts)", "7"),
                example("EXTRACT(ISODOW FROM ts)", "6"),
                example("EXTRACT(HOUR FROM ts)", "15"),
                example("EXTRACT(MINUTE FROM ts)", "9"),
                example("EXTRACT(SECOND FROM ts)", "26"),
                example("EXTRACT(MILLISECOND FROM ts)", "26535"),
                example("EXTRACT(EPOCH FROM ts)", "1773500966"),
                example("YEAR(ts)", "2026"),
                example("MONTH(ts)", "3"),
                example("DAYOFMONTH(ts)", "14"),
                example("DAYOFWEEK(ts)", "7"),
                example("HOUR(ts)", "15"),
                example("MINUTE(ts)", "9"),
                example("SECOND(ts)", "26"),
                example("FLOOR(ts TO SECOND)", "2026-03-14T15:09:26Z"),
                example("FLOOR(ts TO MINUTE)", "2026-03-14T15:09:00Z"),
                example("FLOOR(ts TO HOUR)", "2026-03-14T15:00:00Z"),
                example("FLOOR(ts TO DAY)", "2026-03-14T00:00:00Z"),
                example("FLOOR(ts TO WEEK)", "2026-03-08T00:00:00Z"),
                example("FLOOR(ts TO MONTH)", "2026-03-01T00:00:00Z"),
                example("FLOOR(ts TO YEAR)", "2026-01-01T00:00:00Z"),
                example("CEIL(ts TO MINUTE)", "2026-03-14T15:10:00Z"),
                example("CEIL(ts TO HOUR)", "2026-03-14T16:00:00Z"),
                example("CEIL(ts TO DAY)", "2026-03-15T00:00:00Z"),
                example("ts + INTERVAL '1' HOUR", "2026-03-14T16:09:26.535Z"),
                example("ts - INTERVAL '30' SECOND", "2026-03-14T15:08:56.535Z"),
                example("ts + INTERVAL '0.5' SECOND", "2026-03-14T15:09:27.035Z"),
                example("ts + INTERVAL '1:30' HOUR TO MINUTE", "2026-03-14T16:39:26.535Z"),
                example("ts + INTERVAL '2' DAY", "2026-03-16T15:09:26.535Z"),
                example("ts + INTERVAL '1' MONTH", "2026-04-14T15:09:26.535Z"),
                example("TIMESTAMP '2026-01-31 00:00:00' + INTERVAL '1' MONTH", "2026-02-28T00:00:00Z"),
                example("DATE '2026-03-14' + INTERVAL '1' DAY", "2026-03-15"),
                example("CAST((ts - TIMESTAMP '2026-03-14 15:00:00') SECOND AS INTEGER)", "566"),
                example("TIMESTAMPADD(MINUTE, 90, ts)", "2026-03-14T16:39:26.535Z"),
                example("TIMESTAMPADD(DAY, -1, ts)", "2026-03-13T15:09:26.535Z"),
                example("TIMESTAMPADD(MONTH, 1, ts)", "2026-04-14T15:09:26.535Z"),
                example("TIMESTAMPDIFF(SECOND, TIMESTAMP '2026-03-14 15:00:00', ts)", "566"),
                example("TIMESTAMPDIFF(MINUTE, TIMESTAMP '2026-03-14 15:00:00', ts)", "9"),
                example("TIMESTAMPDIFF(DAY, TIMESTAMP '2026-03-01 00:00:00', ts)", "13"),
                example("TIMESTAMPDIFF(MONTH, TIMESTAMP '2026-01-20 00:00:00', ts)", "1"),
                example("CURRENT_TIMESTAMP > TIMESTAMP '2020-01-01 00:00:00'", "true"),
                example("LOCALTIMESTAMP > TIMESTAMP '2020-01-01 00:00:00'", "true"),
                example("CURRENT_DATE > DATE '2020-01-01'", "true"),
                example("PROCTIME() > TIMESTAMP '2020-01-01 00:00:00'", "true"),
                example("LAST_DAY(ts)", "2026-03-31"));
    }

    static Stream<Arguments> postgresql() {
        return Stream.of(
                example("CONCAT_WS('-', 'a', NULL, 'c')", "a-c"),
                example("LEFT(name, 3)", "lam"),
                example("RIGHT(name, 3)", "nar"),
                example("STRPOS(name, 'min')", "3"),
                example("SPLIT_PART('a,b,c', ',', 2)", "b"),
                example("LPAD('7', 3, '0')", "007"),
                example("RPAD('ab', 4, '.')", "ab.."),
                example("LPAD(name, 3)", "lam"),
                example("STARTS_WITH(name, 'lam')", "true"),
                example("REGEXP_REPLACE('a1b22', '[0-9]+', '#')", "a#b22"),
                example("REGEXP_REPLACE('a1b22', '[0-9]+', '#', 'g')", "a#b#"),
                example("MD5('abc')", "900150983cd24fb0d6963f7d28e17f72"),
                example("SHA1('abc')", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                example("GREATEST(3, n, 5)", "7"),
                example("LEAST(3, n, 5)", "3"),
                example("GREATEST(1, missing)", "1"),
                example("TO_CHAR(ts, 'YYYY-MM-DD HH24:MI:SS.MS')", "2026-03-14 15:09:26.535"),
                example("TO_CHAR(ts, 'HH12:MI AM')", "03:09 PM"),
                example(
                        "CAST(TO_TIMESTAMP('14/03/2026 15:09', 'DD/MM/YYYY HH24:MI') AS TIMESTAMP(3))",
                        "2026-03-14T15:09:00Z"),
                example("TO_DATE('2026-03-14', 'YYYY-MM-DD')", "2026-03-14"),
                example("DATE_PART('hour', ts)", "15"));
    }

    private static Arguments example(String expression, String expected) {
        return Arguments.of(expression, expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource({"operators", "strings", "math", "dateTime", "postgresql"})
    void scalarExampleGivesTheDocumentedResult(String expression, String expected) {
        db.execute(SAMPLE_SOURCE);
        db.execute("CREATE STREAM s AS SELECT " + expression + " AS v FROM src");
        Subscription<Row> out = db.subscribe("s");
        db.start();
        db.execute(SAMPLE_ROW);

        Row row = out.poll(Duration.ofSeconds(10));
        assertThat(row).as("a row for %s", expression).isNotNull();
        assertThat(String.valueOf(row.get(0))).isEqualTo(expected);
    }

    static Stream<Arguments> aggregates() {
        return Stream.of(
                example("COUNT(*)", "{a=8, b=3}"),
                example("COUNT(x)", "{a=8, b=2}"),
                example("COUNT(DISTINCT x)", "{a=5, b=2}"),
                example("SUM(x)", "{a=40, b=23}"),
                example("SUM(DISTINCT x)", "{a=27, b=23}"),
                example("AVG(x)", "{a=5, b=11}"),
                example("AVG(d)", "{a=5.0, b=11.5}"),
                example("MIN(x)", "{a=2, b=10}"),
                example("MAX(x)", "{a=9, b=13}"),
                example("FIRST_VALUE(x)", "{a=2, b=10}"),
                example("LAST_VALUE(x)", "{a=9, b=13}"),
                example("VAR_POP(d)", "{a=4.0, b=2.25}"),
                example("VAR_SAMP(d)", "{a=4.571428571428571, b=4.5}"),
                example("VARIANCE(d)", "{a=4.571428571428571, b=4.5}"),
                example("VAR_POP(x)", "{a=4, b=2}"),
                example("STDDEV_POP(d)", "{a=2.0, b=1.5}"),
                example("STDDEV_SAMP(d)", "{a=2.138089935299395, b=2.1213203435596424}"),
                example("STDDEV(d)", "{a=2.138089935299395, b=2.1213203435596424}"),
                example("APPROX_COUNT_DISTINCT(x)", "{a=5, b=2}"),
                example("COUNT(*) FILTER (WHERE x > 4)", "{a=4, b=2}"),
                example("SUM(x) FILTER (WHERE x < 5)", "{a=14, b=null}"));
    }

    /**
     * The aggregate examples' input: key {@code a} with x = 2, 4, 4, 4, 5, 5, 7, 9 and key {@code b} with x = 10, 13,
     * NULL, in one one-minute window; {@code d} is {@code x} as a DOUBLE.
     */
    private static final String EVENTS = "INSERT INTO events VALUES"
            + " ('a', 2, 2.0, TIMESTAMP '2026-03-14 15:00:01'), ('a', 4, 4.0, TIMESTAMP '2026-03-14 15:00:02'),"
            + " ('a', 4, 4.0, TIMESTAMP '2026-03-14 15:00:03'), ('a', 4, 4.0, TIMESTAMP '2026-03-14 15:00:04'),"
            + " ('a', 5, 5.0, TIMESTAMP '2026-03-14 15:00:05'), ('a', 5, 5.0, TIMESTAMP '2026-03-14 15:00:06'),"
            + " ('a', 7, 7.0, TIMESTAMP '2026-03-14 15:00:07'), ('a', 9, 9.0, TIMESTAMP '2026-03-14 15:00:08'),"
            + " ('b', 10, 10.0, TIMESTAMP '2026-03-14 15:00:09'), ('b', 13, 13.0, TIMESTAMP '2026-03-14 15:00:10'),"
            + " ('b', NULL, NULL, TIMESTAMP '2026-03-14 15:00:11')";

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("aggregates")
    void aggregateExampleGivesTheDocumentedResultPerKey(String aggregate, String expected) {
        db.execute("CREATE SOURCE events (k VARCHAR, x BIGINT, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
        db.execute("CREATE STREAM s AS SELECT k, " + aggregate + " AS v"
                + " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY k, window_start, window_end EMIT ON WINDOW CLOSE");
        Subscription<Row> out = db.subscribe("s");
        db.start();
        db.execute(EVENTS);
        db.source("events").watermark(Instant.parse("2026-03-14T15:01:00Z").toEpochMilli());

        Map<String, String> perKey = new TreeMap<>();
        for (String row : Rows.take(out, 2)) {
            String[] kv = row.split("\\|");
            perKey.put(kv[0], kv[1]);
        }
        assertThat(perKey).hasToString(expected);
    }

    @Test
    void anUnwindowedGroupByEmitsAChangelogWhoseLastRowPerKeyIsTheResult() {
        db.execute("CREATE SOURCE events (k VARCHAR, x BIGINT, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
        db.execute("CREATE STREAM totals AS SELECT k, COUNT(*) AS n, SUM(x) AS total, MAX(x) AS biggest"
                + " FROM events GROUP BY k");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("totals", Row.class);
        db.start();
        db.execute(EVENTS);

        // a: one INSERT and seven UPDATE_BEFORE/UPDATE_AFTER pairs; b: one INSERT and two pairs.
        List<String> changes = Rows.takeChanges(out, 1 + 2 * 7 + 1 + 2 * 2);
        assertThat(changes.stream().filter(c -> c.contains(" a|")).reduce((first, second) -> second))
                .hasValue("UPDATE_AFTER a|8|40|9");
        assertThat(changes.stream().filter(c -> c.contains(" b|")).reduce((first, second) -> second))
                .hasValue("UPDATE_AFTER b|3|23|13");
    }

    @Test
    void aggregatesOverAChangelogRetractTheRowsItRetracts() {
        db.execute("CREATE SOURCE events (k VARCHAR, x BIGINT, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
        // latest: the last x per key, a changelog; by_value: how many keys have each latest x.
        db.execute("CREATE STREAM latest AS SELECT k, LAST_VALUE(x) AS x FROM events GROUP BY k");
        db.execute("CREATE STREAM by_value AS SELECT x, COUNT(*) AS keys FROM latest GROUP BY x");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("by_value", Row.class);
        db.start();
        db.execute("INSERT INTO events VALUES ('a', 1, NULL, NULL), ('b', 1, NULL, NULL)");
        assertThat(Rows.takeChanges(out, 3)).containsExactly("INSERT 1|1", "UPDATE_BEFORE 1|1", "UPDATE_AFTER 1|2");
        db.execute("INSERT INTO events VALUES ('a', 2, NULL, NULL)");

        assertThat(Rows.takeChanges(out, 3)).containsExactly("UPDATE_BEFORE 1|2", "UPDATE_AFTER 1|1", "INSERT 2|1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "minute",
                "day",
                "at",
                "dateTime",
                "large",
                "value",
                "count",
                "user",
                "position",
                "result",
                "window",
                "start",
                "end",
                "timestamp",
                "date",
                "time",
                "year",
                "month",
                "hour",
                "second"
            })
    void reservedWordsNeedBackticksAsColumnNames(String word) {
        assertThatThrownBy(() -> db.execute("CREATE SOURCE t (" + word + " INT)"))
                .isInstanceOf(SqlSyntaxException.class);

        db.execute("CREATE SOURCE t (`" + word + "` INT)");
        db.execute("CREATE STREAM s AS SELECT `" + word + "` + 1 AS `" + word + "` FROM t");
        Subscription<Row> out = db.subscribe("s");
        db.start();
        db.execute("INSERT INTO t VALUES (1)");
        assertThat(Rows.take(out, 1)).containsExactly("2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "week", "quarter", "epoch", "first", "last", "name", "key", "type", "status", "size", "source",
                "session", "data", "event", "version"
            })
    void commonNamesThatAreNotReservedNeedNoQuoting(String word) {
        db.execute("CREATE SOURCE t (" + word + " INT)");
        db.execute("CREATE STREAM s AS SELECT " + word + " FROM t");
    }
}
