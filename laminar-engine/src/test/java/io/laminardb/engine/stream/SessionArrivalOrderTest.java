package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionArrivalOrderTest {

    @Test
    void firstAndLastValueOfAMergedSessionFollowArrivalOrder() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute("CREATE SOURCE ev (k VARCHAR, n BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)");
            db.execute("CREATE STREAM s AS SELECT k, FIRST_VALUE(n) AS first_n, LAST_VALUE(n) AS last_n"
                    + " FROM TABLE(SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                    + " GROUP BY k, window_start, window_end");
            Subscription<Row> out = db.subscribe("s");
            db.start();
            UntypedSource ev = db.source("ev");
            ev.push("a", 1L, Instant.parse("2026-01-01T00:00:00Z"));
            ev.push("a", 2L, Instant.parse("2026-01-01T00:00:18Z"));
            ev.push("a", 3L, Instant.parse("2026-01-01T00:00:09Z")); // merges the two sessions
            ev.close();

            assertThat(out.stream().map(Rows::render)).containsExactly("a|1|3");
        }
    }
}
