package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamQueryTest {

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.inMemory();
        db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void projectionAndFilterRunOnEveryRow() {
        db.execute("CREATE STREAM big AS SELECT UPPER(symbol) AS sym, price * qty AS notional FROM trades"
                + " WHERE qty >= 100");
        Subscription<Row> out = db.subscribe("big");
        db.start();
        db.execute("INSERT INTO trades VALUES ('aapl', 2.5, 100, TIMESTAMP '2026-01-01 00:00:00'),"
                + " ('msft', 1.0, 10, TIMESTAMP '2026-01-01 00:00:01'), ('goog', 3.0, 200, NULL)");

        assertThat(Rows.take(out, 2)).containsExactly("AAPL|250.0", "GOOG|600.0");
        Rows.none(out);
    }

    @Test
    void caseCastStringMathAndTemporalFunctionsCompile() {
        db.execute("CREATE STREAM f AS SELECT"
                + " CASE WHEN price > 2 THEN 'high' ELSE 'low' END AS band,"
                + " CAST(qty AS VARCHAR) || '@' || CAST(price AS VARCHAR) AS label,"
                + " ROUND(SQRT(price * 4), 1) AS root, ABS(-qty) AS a, MOD(qty, 7) AS m,"
                + " SUBSTRING(symbol FROM 1 FOR 2) AS pre, CHAR_LENGTH(symbol) AS len,"
                + " EXTRACT(HOUR FROM ts) AS h, FLOOR(ts TO MINUTE) AS floored, ts + INTERVAL '1' HOUR AS later"
                + " FROM trades");
        Subscription<Row> out = db.subscribe("f");
        db.start();
        db.execute("INSERT INTO trades VALUES ('aapl', 2.25, 100, TIMESTAMP '2026-01-01 10:15:30')");

        Row row = out.poll(Duration.ofSeconds(10));
        assertThat(row).isNotNull();
        assertThat(row.getString("band")).isEqualTo("high");
        assertThat(row.getString("label")).isEqualTo("100@2.25");
        assertThat(row.getDouble("root")).isEqualTo(3.0);
        assertThat(row.getLong("a")).isEqualTo(100L);
        assertThat(row.getLong("m")).isEqualTo(2L);
        assertThat(row.getString("pre")).isEqualTo("aa");
        assertThat(row.getInt("len")).isEqualTo(4);
        assertThat(row.getLong("h")).isEqualTo(10L);
        assertThat(row.getInstant("floored")).isEqualTo(Instant.parse("2026-01-01T10:15:00Z"));
        assertThat(row.getInstant("later")).isEqualTo(Instant.parse("2026-01-01T11:15:30Z"));
    }

    @Test
    void proctimeIsTheWallClockWhenTheRowIsProcessed() {
        db.execute("CREATE STREAM p AS SELECT symbol, PROCTIME() AS pt FROM trades");
        Subscription<Row> out = db.subscribe("p");
        db.start();
        Instant before = Instant.now();
        db.execute("INSERT INTO trades VALUES ('a', 1, 1, NULL)");

        Row row = out.poll(Duration.ofSeconds(10));
        assertThat(row.getInstant("pt"))
                .isBetween(before.minusMillis(1), Instant.now().plusMillis(1));
    }

    @Test
    void streamsCascadeOnStreams() {
        db.execute("CREATE STREAM priced AS SELECT symbol, price * qty AS notional, ts FROM trades");
        db.execute("CREATE STREAM big_ones AS SELECT symbol, notional FROM priced WHERE notional > 100");
        Subscription<Row> out = db.subscribe("big_ones");
        db.start();
        db.execute("INSERT INTO trades VALUES ('a', 1, 50, NULL), ('b', 2, 60, NULL), ('c', 3, 70, NULL)");

        assertThat(Rows.take(out, 2)).containsExactly("b|120.0", "c|210.0");
    }

    @Test
    void typedSubscriptionsMatchTheStreamsColumnsByName() {
        db.execute("CREATE STREAM s AS SELECT symbol, price, qty, ts FROM trades WHERE price > 0");
        Subscription<Trade> out = db.subscribe("s", Trade.class);
        db.start();
        db.execute("INSERT INTO trades VALUES ('a', 1.5, 2, TIMESTAMP '2026-01-01 00:00:00')");

        Trade trade = out.poll(Duration.ofSeconds(10));
        assertThat(trade).isNotNull();
        assertThat(trade.symbol()).isEqualTo("a");
        assertThat(trade.ts()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aTypedSubscriptionWhoseRecordDoesNotFitNamesTheColumns() {
        db.execute("CREATE STREAM s AS SELECT symbol, price * 2 AS doubled FROM trades");
        assertThatThrownBy(() -> db.subscribe("s", Trade.class))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("qty");
    }

    @Test
    void streamsCanBeDeclaredBeforeTheirRowsAndSeeRowsPushedBeforeStart() {
        db.execute("INSERT INTO trades VALUES ('early', 1, 1, NULL)");
        db.execute("CREATE STREAM s AS SELECT symbol FROM trades");
        Subscription<Row> out = db.subscribe("s");
        db.start();

        assertThat(Rows.take(out, 1)).containsExactly("early");
    }

    @Test
    void anUnknownColumnIsReportedWithItsPosition() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT symbol, volume FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("line 1, column 35")
                .hasMessageContaining("volume");
    }

    @Test
    void anUnknownTableNamesWhatExists() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT * FROM trade"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("trade");
    }

    @Test
    void unsupportedOperatorsAreRefusedByName() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT * FROM trades ORDER BY price"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("ORDER BY");
    }

    @Test
    void aRowAnExpressionFailsOnIsSkippedAndCountedAndTheQueryGoesOn() {
        db.execute("CREATE STREAM ratio AS SELECT symbol, 100 / qty AS r, CAST(symbol AS INT) AS n FROM trades"
                + " WHERE symbol <> 'skip'");
        Subscription<Row> out = db.subscribe("ratio");
        db.start();
        db.execute("INSERT INTO trades VALUES ('7', 1, 0, NULL)"); // division by zero
        db.execute("INSERT INTO trades VALUES ('x', 1, 5, NULL)"); // 'x' is no INT
        db.execute("INSERT INTO trades VALUES ('3', 1, 50, NULL)");

        assertThat(Rows.take(out, 1)).containsExactly("3|2|3");
        assertThat(db.execute("SHOW QUERIES").rows().get(0).getLong("error_rows"))
                .isEqualTo(2L);
        assertThat(db.pipelineState()).isEqualTo(io.laminardb.engine.PipelineState.RUNNING);
    }

    @Test
    void anExpressionThatFailsOnEveryRowIsRefusedWhenTheStreamIsCreated() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT symbol, 1 / 0 AS boom FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("fails whatever the row")
                .hasMessageContaining("by zero");
    }

    @Test
    void emitOnWindowCloseWithoutAnAggregateIsRefused() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT * FROM trades EMIT ON WINDOW CLOSE"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("needs an aggregate");
    }

    @Test
    @Timeout(30)
    void closingTheSourceEndsTheStreamsSubscriptions() {
        db.execute("CREATE STREAM s AS SELECT symbol FROM trades");
        Subscription<Row> out = db.subscribe("s");
        db.start();
        db.execute("INSERT INTO trades VALUES ('x', 1, 1, NULL)");
        db.source("trades").close();

        assertThat(Rows.take(out, 1)).containsExactly("x");
        assertThat(out.stream()).isEmpty(); // returns once the subscription has ended
    }
}
