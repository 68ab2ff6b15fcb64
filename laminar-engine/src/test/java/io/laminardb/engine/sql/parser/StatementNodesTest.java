package io.laminardb.engine.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.SqlSyntaxException;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.junit.jupiter.api.Test;

/** What the parsed nodes hold: names, options, EMIT modes, sink inputs, DROP and SHOW targets. */
class StatementNodesTest {

    private static <T> T parse(String sql, Class<T> type) {
        return type.cast(LaminarSqlParser.parseStatement(sql));
    }

    @Test
    void optionKeysMayBeBareOrQuotedAndAreReadInLowerCase() {
        SqlCreateSource source = parse(
                "CREATE SOURCE s (a INT) WITH (Connector = 'kafka', 'bootstrap.servers' = 'localhost:9092')",
                SqlCreateSource.class);

        List<SqlOption> options =
                source.options().stream().map(SqlOption.class::cast).toList();
        assertThat(options).extracting(SqlOption::key).containsExactly("connector", "bootstrap.servers");
        assertThat(options.get(0).keyNode()).isInstanceOf(SqlIdentifier.class);
        assertThat(options).extracting(SqlOption::value).containsExactly("kafka", "localhost:9092");
    }

    @Test
    void optionValuesMayBeNumbersOrBooleans() {
        SqlCreateSource source = parse(
                "CREATE SOURCE s (a INT) WITH (buffer_size = 131072, ratio = 0.5, start_offset = -1, compact = TRUE)",
                SqlCreateSource.class);

        assertThat(source.options().stream().map(SqlOption.class::cast).map(SqlOption::value))
                .containsExactly("131072", "0.5", "-1", "true");
    }

    @Test
    void emptyOptionListIsAllowed() {
        assertThat(parse("CREATE SOURCE s (a INT) WITH ()", SqlCreateSource.class)
                        .options())
                .isEmpty();
    }

    @Test
    void sourceKeepsColumnsWatermarkAndUri() {
        SqlCreateSource source = parse(
                "CREATE SOURCE orders (id BIGINT NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)"
                        + " FROM 'kafka://localhost:9092/orders?format=json'",
                SqlCreateSource.class);

        assertThat(source.columns().stream().map(c -> ((SqlColumnDeclaration) c).name.getSimple()))
                .containsExactly("id", "ts");
        assertThat(source.watermark().column().getSimple()).isEqualTo("ts");
        assertThat(source.uri().toValue()).isEqualTo("kafka://localhost:9092/orders?format=json");
        assertThat(source.getReplace()).isFalse();
        assertThat(source.ifNotExists).isFalse();
    }

    @Test
    void unquotedIdentifiersKeepTheirCaseAndBackticksQuote() {
        SqlCreateSource source = parse("CREATE SOURCE MyTrades (`Select` INT, Price DOUBLE)", SqlCreateSource.class);

        assertThat(source.name().getSimple()).isEqualTo("MyTrades");
        assertThat(source.columns().stream().map(c -> ((SqlColumnDeclaration) c).name.getSimple()))
                .containsExactly("Select", "Price");
    }

    @Test
    void newNonReservedWordsStillWorkAsNames() {
        SqlCreateSource source = parse(
                "CREATE SOURCE sources (source INT, sink INT, watermark TIMESTAMP(3), tables INT, if INT)",
                SqlCreateSource.class);

        assertThat(source.columns()).hasSize(5);
        assertThat(source.watermark()).isNull();
        assertThat(LaminarSqlParser.parseStatement("SELECT source, watermark FROM sources"))
                .isInstanceOf(SqlSelect.class);
    }

    @Test
    void emitIsReservedSoAQueryEndsBeforeIt() {
        SqlCreateStream stream =
                parse("CREATE STREAM s AS SELECT a FROM t EMIT ON WINDOW CLOSE", SqlCreateStream.class);

        assertThat(stream.emit().mode()).isEqualTo(SqlEmit.Mode.ON_WINDOW_CLOSE);
        assertThatThrownBy(() -> LaminarSqlParser.parseStatement("SELECT emit FROM t"))
                .isInstanceOf(SqlSyntaxException.class);
        assertThat(LaminarSqlParser.parseStatement("SELECT `emit` FROM t")).isInstanceOf(SqlSelect.class);
    }

    @Test
    void everyEmitModeIsRecognised() {
        assertThat(List.of(
                                "ON WINDOW CLOSE",
                                "ON WATERMARK",
                                "ON UPDATE",
                                "EVERY INTERVAL '5' SECOND",
                                "CHANGES",
                                "FINAL")
                        .stream()
                        .map(emit -> parse("CREATE STREAM s AS SELECT * FROM t EMIT " + emit, SqlCreateStream.class)
                                .emit()
                                .mode()))
                .containsExactly(SqlEmit.Mode.values());
    }

    @Test
    void emitEveryKeepsItsInterval() {
        SqlEmit emit = parse("CREATE STREAM s AS SELECT * FROM t EMIT EVERY INTERVAL '5' SECOND", SqlCreateStream.class)
                .emit();

        assertThat(emit.interval().toString()).isEqualTo("INTERVAL '5' SECOND");
    }

    @Test
    void streamWithoutEmitOrOptionsHasNone() {
        SqlCreateStream stream = parse("CREATE STREAM s AS SELECT * FROM t", SqlCreateStream.class);

        assertThat(stream.emit()).isNull();
        assertThat(stream.options()).isEmpty();
        assertThat(stream.kind()).isEqualTo(SqlObjectKind.STREAM);
    }

    @Test
    void materializedViewCarriesReplaceAndIfNotExists() {
        SqlCreateMaterializedView view = parse(
                "CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS v AS SELECT * FROM t EMIT CHANGES",
                SqlCreateMaterializedView.class);

        assertThat(view.getReplace()).isTrue();
        assertThat(view.ifNotExists).isTrue();
        assertThat(view.kind()).isEqualTo(SqlObjectKind.MATERIALIZED_VIEW);
        assertThat(view.emit().mode()).isEqualTo(SqlEmit.Mode.CHANGES);
    }

    @Test
    void tableKeepsItsPrimaryKey() {
        SqlCreateTable table =
                parse("CREATE TABLE users (id BIGINT, region VARCHAR, PRIMARY KEY (id, region))", SqlCreateTable.class);

        assertThat(table.columns()).hasSize(2);
        assertThat(table.primaryKey().toString())
                .contains("PRIMARY KEY")
                .contains("`id`")
                .contains("`region`");
    }

    @Test
    void sinkReadsFromAnInputOrAQuery() {
        SqlCreateSink fromInput =
                parse("CREATE SINK vwap_out FROM vwap INTO 'file:///out/vwap.jsonl'", SqlCreateSink.class);
        SqlCreateSink fromQuery =
                parse("CREATE SINK vwap_out INTO 'file:///out/events.jsonl' AS SELECT * FROM e", SqlCreateSink.class);

        assertThat(fromInput.input().getSimple()).isEqualTo("vwap");
        assertThat(fromInput.query()).isNull();
        assertThat(fromInput.uri().toValue()).isEqualTo("file:///out/vwap.jsonl");
        assertThat(fromQuery.input()).isNull();
        assertThat(fromQuery.query()).isInstanceOf(SqlSelect.class);
        assertThat(fromQuery.uri().toValue()).isEqualTo("file:///out/events.jsonl");
    }

    @Test
    void dropNamesKindIfExistsAndCascade() {
        SqlDropObject drop = parse("DROP MATERIALIZED VIEW IF EXISTS v CASCADE", SqlDropObject.class);
        SqlDropObject plain = parse("DROP SINK vwap_out", SqlDropObject.class);

        assertThat(drop.kind()).isEqualTo(SqlObjectKind.MATERIALIZED_VIEW);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(plain.kind()).isEqualTo(SqlObjectKind.SINK);
        assertThat(plain.ifExists()).isFalse();
        assertThat(plain.cascade()).isFalse();
    }

    @Test
    void showNamesWhatItLists() {
        assertThat(parse("show materialized views", SqlShowObjects.class).target())
                .isEqualTo(SqlShowObjects.Target.MATERIALIZED_VIEWS);
        assertThat(parse("SHOW WATERMARKS", SqlShowObjects.class).target()).isEqualTo(SqlShowObjects.Target.WATERMARKS);
    }

    @Test
    void explainWrapsTheQuery() {
        SqlExplainQuery explain = parse("EXPLAIN SELECT * FROM t", SqlExplainQuery.class);

        assertThat(explain.statement()).isInstanceOf(SqlSelect.class);
    }

    @Test
    void keywordsAreCaseInsensitive() {
        SqlNode node = LaminarSqlParser.parseStatement("create source s (a int) with (connector = 'x')");

        assertThat(node).isInstanceOf(SqlCreateSource.class);
    }
}
