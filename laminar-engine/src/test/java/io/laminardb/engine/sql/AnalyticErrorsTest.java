package io.laminardb.engine.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.SqlValidationException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What continuous queries refuse of analytic functions, and how they say so. */
class AnalyticErrorsTest {

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.inMemory();
        db.execute("CREATE SOURCE readings (sensor VARCHAR, v BIGINT, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)");
        db.execute("CREATE SOURCE plain (sensor VARCHAR, v BIGINT, ts TIMESTAMP(3))");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String query) {
        return assertThatThrownBy(() -> db.execute("CREATE STREAM s AS " + query))
                .isInstanceOf(SqlValidationException.class);
    }

    @Test
    void aRankingWithoutARankFilterNeedsOneUnlessItFollowsEventTime() {
        refused("SELECT sensor, v, ROW_NUMBER() OVER (PARTITION BY sensor ORDER BY v DESC) AS rn FROM readings")
                .hasMessageStartingWith("ROW_NUMBER() OVER (... ORDER BY v DESC) needs a filter on its result")
                .hasMessageContaining("WHERE rn <= 10");
        refused("SELECT * FROM (SELECT sensor, RANK() OVER (ORDER BY v) AS r FROM readings) WHERE r > 2")
                .hasMessageContaining("needs a filter on its result");
    }

    @Test
    void lagAndLeadMustOrderByTheEventTimeColumnAscendingAndAlone() {
        refused("SELECT sensor, LAG(v) OVER (PARTITION BY sensor ORDER BY v) AS b FROM readings")
                .hasMessageContaining("needs ORDER BY ts, the event-time column of 'readings'");
        refused("SELECT sensor, LEAD(v) OVER (PARTITION BY sensor ORDER BY ts DESC) AS b FROM readings")
                .hasMessageContaining("ascending and alone");
        refused("SELECT sensor, LAG(v) OVER (ORDER BY ts, v) AS b FROM readings")
                .hasMessageContaining("ascending and alone");
    }

    @Test
    void lagAndLeadNeedASourceWithAWatermarkColumn() {
        refused("SELECT sensor, LAG(v) OVER (ORDER BY ts) AS b FROM plain")
                .hasMessageContaining("which 'plain' does not have");
        db.execute("CREATE STREAM copied AS SELECT * FROM readings");
        refused("SELECT sensor, LAG(v) OVER (ORDER BY ts) AS b FROM copied")
                .hasMessageContaining("which 'copied' does not have");
    }

    @Test
    void offsetsAreConstantWholeNumbers() {
        refused("SELECT LAG(v, -1) OVER (ORDER BY ts) AS b FROM readings")
                .hasMessageContaining("must be a constant whole number from 0 to 10000");
    }

    @Test
    void aggregatesOverWindowsAreRefusedNamingWhatRuns() {
        refused("SELECT sensor, SUM(v) OVER (PARTITION BY sensor ORDER BY ts) AS total FROM readings")
                .hasMessageStartingWith("Aggregates over OVER windows")
                .hasMessageContaining("LAG, LEAD, ROW_NUMBER, RANK and DENSE_RANK");
    }

    @Test
    void oneQueryUsesOneWindow() {
        refused("SELECT LAG(v) OVER (PARTITION BY sensor ORDER BY ts) AS a, LAG(v) OVER (ORDER BY ts) AS b"
                        + " FROM readings")
                .hasMessageStartingWith("A continuous query may use one OVER window");
        refused("SELECT * FROM (SELECT v, ROW_NUMBER() OVER w AS rn, RANK() OVER w AS r FROM readings"
                        + " WINDOW w AS (ORDER BY v)) WHERE rn <= 3")
                .hasMessageContaining("ranks with that one function");
    }

    @Test
    void aTopNTakesNoEmitClauseOfItsOwnAndNoUpserts() {
        String topN = "SELECT * FROM (SELECT sensor, v, ROW_NUMBER() OVER (ORDER BY v) AS rn FROM readings)"
                + " WHERE rn <= 3";
        refused(topN + " EMIT ON WINDOW CLOSE").hasMessageContaining("does not apply to a top-N query");
        refused(topN + " EMIT ON UPDATE").hasMessageContaining("does not apply to a top-N query");
        db.execute("CREATE STREAM latest AS SELECT sensor, MAX(v) AS v FROM readings GROUP BY sensor EMIT ON UPDATE");
        refused("SELECT * FROM (SELECT sensor, v, ROW_NUMBER() OVER (ORDER BY v) AS rn FROM latest) WHERE rn <= 3")
                .hasMessageContaining("emits upserts");
    }
}
