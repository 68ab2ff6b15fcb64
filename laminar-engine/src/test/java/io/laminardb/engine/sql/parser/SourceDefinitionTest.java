package io.laminardb.engine.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.SqlValidationException;
import org.junit.jupiter.api.Test;

/** A CREATE SOURCE read into plain data, and the mistakes the grammar cannot catch. */
class SourceDefinitionTest {

    private static SourceDefinition define(String sql) {
        return SourceDefinition.of((SqlCreateSource) LaminarSqlParser.parseStatement(sql));
    }

    @Test
    void columnsKeepNameTypePrecisionScaleAndNullability() {
        SourceDefinition source = define("CREATE SOURCE trades (symbol VARCHAR(8), price DECIMAL(10, 2) NOT NULL,"
                + " ts TIMESTAMP(3), qty BIGINT NOT NULL, raw BYTES)");

        assertThat(source.name()).isEqualTo("trades");
        assertThat(source.columns())
                .extracting(
                        SourceDefinition.ColumnDefinition::name,
                        SourceDefinition.ColumnDefinition::typeName,
                        SourceDefinition.ColumnDefinition::precision,
                        SourceDefinition.ColumnDefinition::scale,
                        SourceDefinition.ColumnDefinition::nullable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("symbol", "VARCHAR", 8, -1, true),
                        org.assertj.core.groups.Tuple.tuple("price", "DECIMAL", 10, 2, false),
                        org.assertj.core.groups.Tuple.tuple("ts", "TIMESTAMP", 3, -1, true),
                        org.assertj.core.groups.Tuple.tuple("qty", "BIGINT", -1, -1, false),
                        org.assertj.core.groups.Tuple.tuple("raw", "BYTES", -1, -1, true));
        assertThat(source.column("PRICE").type().getNullable()).isFalse();
    }

    @Test
    void watermarkDelayInMillisecondsFromColumnMinusInterval() {
        assertThat(define("CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND)")
                        .watermark()
                        .delayMillis())
                .isEqualTo(100L);
        assertThat(define("CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)")
                        .watermark()
                        .delayMillis())
                .isEqualTo(5_000L);
        assertThat(define("CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' MINUTE)")
                        .watermark()
                        .delayMillis())
                .isEqualTo(120_000L);
    }

    @Test
    void watermarkOnTheBareColumnHasNoDelay() {
        assertThat(define("CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts)")
                        .watermark()
                        .delayMillis())
                .isZero();
    }

    @Test
    void watermarkOfAnyOtherShapeHasNoKnownDelay() {
        SourceDefinition.WatermarkDefinition watermark = define(
                        "CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND * 2)")
                .watermark();

        assertThat(watermark.delayMillis()).isNull();
        assertThat(watermark.expression()).isNotNull();
    }

    @Test
    void watermarkColumnIsMatchedWithoutRegardToCase() {
        assertThat(define("CREATE SOURCE s (EventTime TIMESTAMP(3), WATERMARK FOR eventtime AS eventtime)")
                        .watermark()
                        .column())
                .isEqualTo("EventTime");
    }

    @Test
    void watermarkOnAnUndeclaredColumnIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> define("CREATE SOURCE s (ts TIMESTAMP(3),\n WATERMARK FOR event_ts AS event_ts)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'event_ts'")
                .hasMessageContaining("line 2, column 16");
    }

    @Test
    void watermarkDelayInMonthsIsRejected() {
        assertThatThrownBy(
                        () -> define("CREATE SOURCE s (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MONTH)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("months");
    }

    @Test
    void duplicateColumnIsRejectedWhateverItsCase() {
        assertThatThrownBy(() -> define("CREATE SOURCE s (price DOUBLE, Price DOUBLE)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'Price' is declared twice");
    }

    @Test
    void duplicateOptionKeyIsRejectedBareOrQuoted() {
        assertThatThrownBy(() -> define("CREATE SOURCE s (a INT) WITH (connector = 'a', 'Connector' = 'b')"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'connector' is given twice");
    }

    @Test
    void optionsHaveLowerCaseKeysAndStringValuesInOrder() {
        SourceDefinition source = define(
                "CREATE SOURCE s (a INT) WITH (Connector = 'kafka', 'bootstrap.servers' = 'h:9092', buffer_size = 1024)");

        assertThat(source.options())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("connector", "kafka"),
                        org.assertj.core.api.Assertions.entry("bootstrap.servers", "h:9092"),
                        org.assertj.core.api.Assertions.entry("buffer_size", "1024"));
    }

    @Test
    void uriAndFlagsAreCarried() {
        SourceDefinition source = define(
                "CREATE OR REPLACE SOURCE IF NOT EXISTS orders (id BIGINT) FROM 'kafka://localhost:9092/orders?format=json'");

        assertThat(source.uri()).isEqualTo("kafka://localhost:9092/orders?format=json");
        assertThat(source.orReplace()).isTrue();
        assertThat(source.ifNotExists()).isTrue();
        assertThat(source.watermark()).isNull();
        assertThat(source.options()).isEmpty();
    }

    @Test
    void qualifiedNameIsJoinedWithDots() {
        assertThat(define("CREATE SOURCE market.trades (a INT)").name()).isEqualTo("market.trades");
    }
}
