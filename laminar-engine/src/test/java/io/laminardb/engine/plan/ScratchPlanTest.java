package io.laminardb.engine.plan;

import io.laminardb.engine.sql.parser.LaminarSqlParser;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.Test;

class ScratchPlanTest {
    @Test
    void print() {
        Schema s = new Schema(List.of(
                new Field("symbol", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("price", FieldType.notNullable(new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null),
                new Field("qty", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), null)));
        QueryPlanner planner = new QueryPlanner(QueryPlanner.defaultOperators());
        for (String q : List.of(
                "SELECT symbol, price * 2 AS p FROM trades WHERE qty > 10 AND symbol LIKE 'A%'",
                "SELECT symbol, window_start, window_end, SUM(price*qty)/SUM(qty) AS vwap, COUNT(*) FILTER (WHERE qty > 5) FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY symbol, window_start, window_end",
                "SELECT symbol, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS ws, TUMBLE_END(ts, INTERVAL '1' MINUTE), COUNT(*) FROM trades GROUP BY symbol, TUMBLE(ts, INTERVAL '1' MINUTE)",
                "SELECT symbol, HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE) AS ws, COUNT(*) FROM trades GROUP BY symbol, HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)",
                "SELECT symbol, SESSION_END(ts, INTERVAL '1' MINUTE) AS we, COUNT(*) FROM trades GROUP BY symbol, SESSION(ts, INTERVAL '1' MINUTE)",
                "SELECT symbol, window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) GROUP BY symbol, window_start, window_end",
                "SELECT symbol, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE trades, DESCRIPTOR(ts), DESCRIPTOR(symbol), INTERVAL '1' MINUTE)) GROUP BY symbol, window_start, window_end",
                "SELECT symbol, COUNT(DISTINCT qty), MAX(price) FROM trades GROUP BY symbol")) {
            var rel = planner.plan(LaminarSqlParser.parseStatement(q), List.of(new CatalogTable("trades", s)));
            System.out.println(q + "\n" + RelOptUtil.toString(rel) + rel.getRowType());
        }
    }
}
