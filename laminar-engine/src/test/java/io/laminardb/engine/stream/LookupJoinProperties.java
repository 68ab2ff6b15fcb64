package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential property of lookup joins: over any interleaving of upserts and deletes of a table and rows pushed into a
 * stream, each stream row is joined with the table as the statements before it left it, as a map folding the same
 * steps in order says; later statements do not change rows already joined.
 */
class LookupJoinProperties {

    /** One step: upsert of key {@code k} with {@code v}, delete of key {@code k}, or a stream row looking up {@code k}. */
    record Step(int kind, Integer k, long v) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 4).injectNull(0.1),
                        Arbitraries.longs().between(-3, 3))
                .as((kind, k, v) -> new Step(kind, kind < 2 && k == null ? Integer.valueOf(0) : k, v));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 30)
    void eachRowIsJoinedWithTheTableAsTheStepsBeforeItLeftIt(@ForAll("steps") List<Step> steps) {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE s (id BIGINT NOT NULL, k INT)");
            db.execute("CREATE TABLE t (k INT NOT NULL, v BIGINT NOT NULL, PRIMARY KEY (k))");
            // The inner join reads the source first: once the left join's row is out, the inner join has seen it.
            db.execute("CREATE STREAM ij AS SELECT s.id, t.v * 10 AS v10 FROM s JOIN t ON s.k = t.k AND t.v >= 0");
            db.execute("CREATE STREAM lj AS SELECT s.id, s.k, t.v FROM s LEFT JOIN t ON t.k = s.k");
            Subscription<Row> left = db.subscribe("lj");
            Subscription<Row> inner = db.subscribe("ij");
            db.start();

            Map<Integer, Long> model = new HashMap<>();
            List<String> expectedLeft = new ArrayList<>();
            List<String> expectedInner = new ArrayList<>();
            List<String> actualLeft = new ArrayList<>();
            long id = 0;
            for (Step step : steps) {
                switch (step.kind()) {
                    case 0 -> {
                        db.execute("INSERT INTO t VALUES (" + step.k() + ", " + step.v() + ")");
                        model.put(step.k(), step.v());
                    }
                    case 1 -> {
                        db.execute("DELETE FROM t WHERE k = " + step.k());
                        model.remove(step.k());
                    }
                    default -> {
                        id++;
                        db.execute("INSERT INTO s VALUES (" + id + ", " + step.k() + ")");
                        Long v = step.k() == null ? null : model.get(step.k());
                        expectedLeft.add(id + "|" + step.k() + "|" + v);
                        if (v != null && v >= 0) {
                            expectedInner.add(id + "|" + v * 10);
                        }
                        // Wait until the row is joined before the next statement changes the table.
                        actualLeft.addAll(Rows.take(left, 1));
                    }
                }
            }
            assertThat(actualLeft).isEqualTo(expectedLeft);
            db.source("s").close();
            assertThat(inner.stream().map(Rows::render).toList()).isEqualTo(expectedInner);
        }
    }
}
