package io.laminardb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlSyntaxException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source statements through {@link LaminarDB#execute}. */
class SourceStatementsTest {

    private static final String TRADES = "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL,"
            + " qty BIGINT NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)";

    private final LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createSourceReportsItsKindAndAppearsInTheCatalog() {
        ExecuteResult result = db.execute(TRADES);

        assertThat(result.kind()).isEqualTo(ExecuteResult.Kind.DDL);
        assertThat(result.ddlType()).contains("CREATE SOURCE");
        assertThat(db.sources()).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("trades");
            assertThat(info.watermarkColumn()).contains("ts");
            assertThat(info.watermarkDelayMillis()).isEqualTo(1_000);
            assertThat(info.sql()).contains("CREATE SOURCE");
        });
    }

    @Test
    void rerunningAnIdenticalCreateIsANoOpSoASchemaScriptCanRunAtEveryStart() {
        db.execute(TRADES);

        db.execute(TRADES);

        assertThat(db.sources()).hasSize(1);
    }

    @Test
    void aDifferentDefinitionIsRefusedUnlessReplacedOrIfNotExists() {
        db.execute(TRADES);
        String other = "CREATE SOURCE trades (symbol VARCHAR)";

        assertThatThrownBy(() -> db.execute(other))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("Source 'trades' already exists with another definition")
                .hasMessageContaining("CREATE OR REPLACE SOURCE");

        db.execute("CREATE SOURCE IF NOT EXISTS trades (symbol VARCHAR)");
        assertThat(db.sources().get(0).schema().getFields()).hasSize(4);

        db.execute("CREATE OR REPLACE SOURCE trades (symbol VARCHAR)");
        assertThat(db.sources().get(0).schema().getFields()).hasSize(1);
    }

    @Test
    void dropSourceRemovesItAndIfExistsToleratesItsAbsence() {
        db.execute(TRADES);

        assertThat(db.execute("DROP SOURCE trades").ddlType()).contains("DROP SOURCE");
        assertThat(db.sources()).isEmpty();
        assertThatThrownBy(() -> db.execute("DROP SOURCE trades")).isInstanceOf(SourceNotFoundException.class);
        db.execute("DROP SOURCE IF EXISTS trades");
    }

    @Test
    void droppingASourceEndsItsSubscriptions() {
        db.execute(TRADES);
        Subscription<Row> rows = db.subscribe("trades");
        db.start();

        db.execute("DROP SOURCE trades");

        assertThat(rows.poll(Duration.ofSeconds(10))).isNull();
        assertThat(rows.isClosed()).isTrue();
    }

    @Test
    void aSourceConfiguredByNameTakesItsSettingsWhereTheDdlLeavesThemUnset() {
        LaminarConfig config = LaminarConfig.builder()
                .cores(1)
                .sourceConfig(
                        "TRADES", io.laminardb.engine.SourceConfig.defaults().withBufferSize(1024))
                .sourceConfig(
                        "quotes", io.laminardb.engine.SourceConfig.defaults().withBufferSize(2048))
                .build();
        try (LaminarDB configured = LaminarDB.open(config)) {
            configured.execute(TRADES + " WITH (backpressure = 'reject')");
            configured.execute("CREATE SOURCE quotes (symbol VARCHAR) WITH (buffer_size = 16)");
            configured.execute("CREATE SOURCE orders (id BIGINT)");

            assertThat(configured.sources())
                    .extracting(s -> s.name() + ":" + s.config().bufferSize() + ":"
                            + s.config().backpressure())
                    .containsExactly("trades:1024:REJECT", "quotes:16:BLOCK", "orders:65536:BLOCK");
        }
    }

    @Test
    void showSourcesListsEachSourceWithItsSettings() {
        db.execute(TRADES + " WITH (buffer_size = 1024, backpressure = 'reject')");
        db.execute("CREATE SOURCE quotes (symbol VARCHAR, bid DOUBLE)");

        ExecuteResult result = db.execute("SHOW SOURCES");

        assertThat(result.kind()).isEqualTo(ExecuteResult.Kind.ROWS);
        assertThat(result.rows())
                .extracting(Row::toMap)
                .containsExactly(
                        java.util.Map.of(
                                "name",
                                "trades",
                                "watermark",
                                "ts",
                                "buffer_size",
                                1024L,
                                "backpressure",
                                "reject",
                                "wait_strategy",
                                "spin_yield"),
                        mapOf(
                                "name",
                                "quotes",
                                "watermark",
                                null,
                                "buffer_size",
                                65536L,
                                "backpressure",
                                "block",
                                "wait_strategy",
                                "spin_yield"));
    }

    @Test
    void describeListsColumnsWithSqlTypesNullabilityAndTheWatermark() {
        db.execute(TRADES);

        List<Row> rows = db.execute("DESCRIBE trades").rows();

        assertThat(rows)
                .extracting(r -> r.getString("name") + " " + r.getString("type") + " " + r.getBoolean("nullable") + " "
                        + r.getString("watermark"))
                .containsExactly(
                        "symbol VARCHAR true null",
                        "price DOUBLE false null",
                        "qty BIGINT false null",
                        "ts TIMESTAMP(3) true ts - INTERVAL '1000' MILLISECOND");
    }

    @Test
    void showWatermarksListsEachSourcesWatermarkAndLag() {
        db.execute(TRADES);
        db.execute("CREATE SOURCE quotes (symbol VARCHAR)");
        db.source("trades").watermark(Instant.parse("2026-11-21T09:30:00Z").toEpochMilli());

        List<Row> rows = db.execute("SHOW WATERMARKS").rows();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getString("name")).isEqualTo("trades");
        assertThat(rows.get(0).getInstant("watermark")).isEqualTo(Instant.parse("2026-11-21T09:30:00Z"));
        assertThat(rows.get(0).getLong("lag_ms")).isPositive();
        assertThat(rows.get(1).toMap()).containsEntry("name", "quotes").containsEntry("watermark", null);
    }

    @Test
    void showOfObjectKindsThatDoNotExistYetIsEmpty() {
        assertThat(db.execute("SHOW STREAMS").rows()).isEmpty();
        assertThat(db.execute("SHOW MATERIALIZED VIEWS").rows()).isEmpty();
    }

    @Test
    void insertValuesPushesTypedLiteralsIncludingNullsAndAColumnList() {
        db.execute("CREATE SOURCE events (id BIGINT NOT NULL, amount DECIMAL(10, 2), d DATE, happened TIMESTAMP(3),"
                + " note VARCHAR)");
        Subscription<Row> rows = db.subscribe("events");
        db.start();

        ExecuteResult result = db.execute("INSERT INTO events VALUES"
                + " (1, 12.5, DATE '2026-11-21', TIMESTAMP '2026-11-21 09:30:00', 'first'),"
                + " (-2, NULL, NULL, '2026-11-21T09:31:00Z', NULL)");
        db.execute("INSERT INTO events (note, id) VALUES ('third', 3)");

        assertThat(result.kind()).isEqualTo(ExecuteResult.Kind.DML);
        assertThat(result.rowsAffected()).isEqualTo(2);
        Row first = rows.poll(Duration.ofSeconds(10));
        assertThat(first.getLong("id")).isEqualTo(1L);
        assertThat(first.getBigDecimal("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(first.getLocalDate("d")).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(first.getInstant("happened")).isEqualTo(Instant.parse("2026-11-21T09:30:00Z"));
        Row second = rows.poll(Duration.ofSeconds(10));
        assertThat(second.getLong("id")).isEqualTo(-2L);
        assertThat(second.get("amount")).isNull();
        assertThat(second.getInstant("happened")).isEqualTo(Instant.parse("2026-11-21T09:31:00Z"));
        Row third = rows.poll(Duration.ofSeconds(10));
        assertThat(third.toMap())
                .containsEntry("id", 3L)
                .containsEntry("note", "third")
                .containsEntry("d", null);
    }

    @Test
    void insertOfAValueThatDoesNotFitNamesTheColumnAndPushesNothing() {
        db.execute("CREATE SOURCE events (id BIGINT NOT NULL, note VARCHAR)");
        Subscription<Row> rows = db.subscribe("events");
        db.start();

        assertThatThrownBy(() -> db.execute("INSERT INTO events VALUES (1, 'ok'), (NULL, 'bad')"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("column 'id' is NOT NULL but null was given");
        assertThatThrownBy(() -> db.execute("INSERT INTO events VALUES ('x', 'y')"))
                .hasMessageContaining("column 'id' is BIGINT but got String (x)");

        assertThat(rows.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void syntaxErrorsNameTheLineColumnAndWhatWasExpected() {
        assertThatThrownBy(() -> db.execute("CREATE SOURCE a (id BIGINT);\nCREATE SOURC b (id BIGINT)"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(8);
                    assertThat(e.getMessage()).contains("found \"SOURC\"").contains("SOURCE");
                });
    }

    @Test
    void anUnknownColumnTypeListsTheSupportedOnes() {
        assertThatThrownBy(() -> db.execute("CREATE SOURCE s (payload MONEY)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("column 'payload'")
                .hasMessageContaining("Supported: BOOLEAN");
    }

    @Test
    void aConnectorThatIsNotOnTheClassPathNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (connector = 'kafka')"))
                .hasMessageContaining("io.laminardb:laminar-connector-kafka");
        assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) FROM 'kafka://localhost:9092/orders'"))
                .hasMessageContaining("io.laminardb:laminar-connector-kafka");
    }

    @Test
    void aSinkOfAConnectorThatIsNotOnTheClassPathNamesTheArtifactToAdd() {
        db.execute(TRADES);

        assertThatThrownBy(() -> db.execute("CREATE SINK s FROM trades WITH (connector = 'kafka')"))
                .isInstanceOf(io.laminardb.engine.ConnectorException.class)
                .hasMessageStartingWith("Sink 's': no connector named 'kafka' is on the class path")
                .hasMessageContaining("io.laminardb:laminar-connector-kafka");
    }

    @Test
    void aScriptRunsEveryStatementInOrder() {
        db.execute("""
                -- schema.sql
                CREATE SOURCE a (id BIGINT);
                CREATE SOURCE b (id BIGINT);
                INSERT INTO a VALUES (1);
                """);

        assertThat(db.sources()).extracting(s -> s.name()).containsExactly("a", "b");
        assertThat(db.sourceMetrics("a").orElseThrow().pending()).isEqualTo(1);
    }

    private static java.util.Map<String, Object> mapOf(Object... keysAndValues) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
