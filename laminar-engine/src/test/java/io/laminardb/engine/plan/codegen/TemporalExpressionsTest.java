package io.laminardb.engine.plan.codegen;

import static io.laminardb.engine.plan.codegen.ExpressionFixture.eval;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.row;
import static io.laminardb.engine.plan.codegen.ExpressionFixture.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Timestamps (epoch milliseconds), dates (epoch days), times (milliseconds of the day) and intervals, and the functions
 * that read the clock, which must give the time of evaluation, in UTC.
 */
class TemporalExpressionsTest {

    /** 2023-11-14 22:15:23.456 UTC. */
    private static final long TS = 1_700_000_123_456L;

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void extractReadsFieldsOfTimestampsDatesAndTimesInUtc() {
        assertThat(eval("EXTRACT(YEAR FROM ts)", row("ts", TS))).isEqualTo(2023L);
        assertThat(eval("EXTRACT(HOUR FROM ts)", row("ts", TS))).isEqualTo(22L);
        assertThat(eval("EXTRACT(MINUTE FROM tsltz_n)", row("tsltz_n", TS))).isEqualTo(15L);
        assertThat(eval("EXTRACT(DAY FROM date_n)", row("date_n", (int)
                        LocalDate.of(2022, 1, 8).toEpochDay())))
                .isEqualTo(8L);
        assertThat(eval("EXTRACT(HOUR FROM time_n)", row("time_n", 3_600_000))).isEqualTo(1L);
    }

    @Test
    void floorAndCeilToAUnitTruncateTheTimestamp() {
        assertThat(eval("FLOOR(ts TO MINUTE)", row("ts", TS))).isEqualTo(millis("2023-11-14T22:15:00Z"));
        assertThat(eval("CEIL(ts TO HOUR)", row("ts", TS))).isEqualTo(millis("2023-11-14T23:00:00Z"));
        assertThat(eval("FLOOR(ts_n TO DAY)", row())).isNull();
    }

    @Test
    void addingIntervalsMovesTimestampsAndDates() {
        assertThat(eval("ts + INTERVAL '1' MINUTE", row("ts", TS))).isEqualTo(TS + 60_000);
        assertThat(eval("ts - INTERVAL '1' DAY", row("ts", TS))).isEqualTo(TS - 86_400_000);
        assertThat(eval("ts + millis_n", row("ts", TS, "millis_n", 90_000L))).isEqualTo(TS + 90_000);
        assertThat(eval("date_n + INTERVAL '1' DAY", row("date_n", 19_000))).isEqualTo(19_001);
        assertThat(eval(
                        "date_n + months_n",
                        row("date_n", (int) LocalDate.of(2024, 1, 31).toEpochDay(), "months_n", 1)))
                .isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
    }

    @Test
    void timestampAddAndDiffCountCalendarUnits() {
        assertThat(eval("TIMESTAMPADD(HOUR, 2, ts)", row("ts", TS))).isEqualTo(TS + 7_200_000);
        assertThat(eval("TIMESTAMPADD(MONTH, 1, ts)", row("ts", TS))).isEqualTo(millis("2023-12-14T22:15:23.456Z"));
        assertThat(eval("TIMESTAMPDIFF(SECOND, ts, ts + INTERVAL '90' SECOND)", row("ts", TS)))
                .isEqualTo(90);
        assertThat(eval("TIMESTAMPDIFF(MINUTE, ts, ts_n)", row("ts", TS))).isNull();
    }

    @Test
    void dateAndTimestampLiteralsCompareWithColumns() {
        int day = (int) LocalDate.of(2022, 1, 8).toEpochDay();
        assertThat(test("date_n > DATE '2020-01-01'", row("date_n", day))).isTrue();
        assertThat(test("date_n = DATE '2022-01-08'", row("date_n", day))).isTrue();
        assertThat(test("date_n < DATE '2022-01-08'", row("date_n", day))).isFalse();
        assertThat(test("ts >= TIMESTAMP '2023-11-14 22:15:23.456'", row("ts", TS)))
                .isTrue();
        assertThat(test("ts > TIMESTAMP '2023-11-14 22:15:23.456'", row("ts", TS)))
                .isFalse();
    }

    @Test
    void castBetweenTimestampsStringsAndDates() {
        assertThat(eval("CAST('2024-01-02 03:04:05.678' AS TIMESTAMP(3))", row()))
                .isEqualTo(millis("2024-01-02T03:04:05.678Z"));
        assertThat(eval("CAST(ts AS VARCHAR)", row("ts", millis("2024-01-02T03:04:05Z"))))
                .isEqualTo("2024-01-02 03:04:05");
        assertThat(eval("CAST(ts AS DATE)", row("ts", TS)))
                .isEqualTo((int) LocalDate.of(2023, 11, 14).toEpochDay());
        assertThat(eval("CAST(date_n AS VARCHAR)", row("date_n", (int)
                        LocalDate.of(2022, 1, 8).toEpochDay())))
                .isEqualTo("2022-01-08");
        assertThat(eval("CAST(tsltz_n AS TIMESTAMP(3))", row("tsltz_n", TS))).isEqualTo(TS);
    }

    @Test
    void currentTimestampAndLocalTimestampAreTheWallClockAtEvaluation() {
        long before = System.currentTimeMillis();
        Object[] out = ExpressionFixture.project("CURRENT_TIMESTAMP, LOCALTIMESTAMP, PROCTIME()", row());
        long after = System.currentTimeMillis();
        for (Object value : out) {
            assertThat((Long) value).isBetween(before, after);
        }
    }

    @Test
    void currentDateIsTodayInUtc() {
        int today = (int) LocalDate.now(ZoneOffset.UTC).toEpochDay();
        assertThat((Integer) eval("CURRENT_DATE", row())).isBetween(today, today + 1);
    }

    @Test
    void clockFunctionsAreReadAtEachCallNotAtCompileTime() throws InterruptedException {
        ExpressionFixture.Planned planned = ExpressionFixture.plan("PROCTIME(), CURRENT_TIMESTAMP", null);
        RowProjection projection =
                new ExpressionCompiler(planned.types()).compileProjection(planned.projects(), planned.inputRowType());
        Object[] first = projection.apply(row());
        Thread.sleep(20);
        long later = System.currentTimeMillis();
        Object[] second = projection.apply(row());
        assertThat((Long) second[0]).isGreaterThanOrEqualTo(later).isGreaterThan((Long) first[0]);
        assertThat((Long) second[1]).isGreaterThanOrEqualTo(later).isGreaterThan((Long) first[1]);
    }

    @Test
    void proctimeIsTypedTimestampWithMillisecondsAndNotNull() {
        ExpressionFixture.Planned planned = ExpressionFixture.plan("PROCTIME()", null);
        assertThat(planned.projects().get(0).getType().getFullTypeString()).isEqualTo("TIMESTAMP(3) NOT NULL");
    }

    @Test
    void proctimeWorksInConditions() {
        assertThat(test("ts > PROCTIME() - INTERVAL '1' HOUR", row("ts", System.currentTimeMillis())))
                .isTrue();
        assertThat(test("ts > PROCTIME() - INTERVAL '1' HOUR", row("ts", TS))).isFalse();
    }
}
