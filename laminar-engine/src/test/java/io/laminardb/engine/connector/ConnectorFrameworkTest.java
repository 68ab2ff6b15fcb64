package io.laminardb.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Topology;
import io.laminardb.engine.connector.MemoryConnectorFactory.Change;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector framework through SQL, with an in-memory connector found through ServiceLoader. */
class ConnectorFrameworkTest {

    @TempDir
    Path dir;

    private final String in = "in-" + UUID.randomUUID();
    private final String out = "out-" + UUID.randomUUID();

    private static Change insert(Object... values) {
        return new Change(values, ChangeEvent.Op.INSERT);
    }

    private String source(String name, String extra) {
        return "CREATE SOURCE " + name + " (k VARCHAR NOT NULL, v BIGINT NOT NULL) WITH (connector = 'memory',"
                + " topic = '" + in + "'" + extra + ")";
    }

    @Test
    void aConnectorNotOnTheClassPathNamesTheArtifactToAdd() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (a BIGINT) WITH (connector = 'kafka', topic = 't')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("no connector named 'kafka'")
                    .hasMessageContaining("io.laminardb:laminar-connector-kafka")
                    .hasMessageContaining("memory");
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (a BIGINT) FROM 'kafka://localhost:9092/t'"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("io.laminardb:laminar-connector-kafka");
        }
    }

    @Test
    void aTableBackedByAConnectorThatCannotLookRowsUpIsRefused() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (k VARCHAR, v BIGINT, PRIMARY KEY (k)) WITH"
                            + " (connector = 'memory', topic = 'x')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("Table 't': connector 'memory' cannot back a table")
                    .hasMessageContaining("CREATE SOURCE");
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (k VARCHAR, PRIMARY KEY (k)) WITH (connector ="
                            + " 'postgres', url = 'jdbc:postgresql://db/shop')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("io.laminardb:laminar-connector-jdbc");
            assertThat(db.tables()).isEmpty();
        }
    }

    @Test
    void everyMissingUnknownAndMalformedOptionIsNamedAtOnce() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (a BIGINT) WITH (connector = 'memory',"
                            + " batch = 'many', tpoic = 'x', 'start' = 'middle')"))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.problems())
                                    .anySatisfy(p -> assertThat(p).contains("missing required option 'topic'"))
                                    .anySatisfy(p -> assertThat(p)
                                            .contains("unknown option 'tpoic'")
                                            .contains("did you mean 'topic'"))
                                    .anySatisfy(p -> assertThat(p)
                                            .contains("'batch' = 'many'")
                                            .contains("a whole number"))
                                    .anySatisfy(p -> assertThat(p)
                                            .contains("'start' = 'middle'")
                                            .contains("earliest, latest")))
                    .hasMessageContaining("Source 's', connector 'memory'");
        }
    }

    @Test
    void connectorDefaultsFillWhatTheStatementLeavesOut() {
        MemoryConnectorFactory.topic(in).add(insert("a", 1L));
        LaminarConfig config = LaminarConfig.builder()
                .connectorDefaults("memory", java.util.Map.of("topic", in, "batch", "1", "not.an.option", "x"))
                .build();
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute("CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL) WITH (connector = 'memory')");
            db.execute("CREATE SINK outbox FROM s WITH (connector = 'memory', topic = '" + out + "')");
            assertThat(db.sinks().get(0).options()).containsEntry("topic", out).doesNotContainKey("batch");
            db.start();
            await(() -> MemoryConnectorFactory.committed(out).size() == 1);
        }
    }

    @Test
    void theApplicationCannotPushIntoASourceAConnectorReads() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ""));
            assertThatThrownBy(() -> db.source("s"))
                    .hasMessageContaining("Source 's' is read by connector 'memory': the application cannot push");
            assertThatThrownBy(() -> db.execute("INSERT INTO s VALUES ('a', 1)"))
                    .hasMessageContaining("is read by connector 'memory'");
        }
    }

    @Test
    void aSourceConnectorCannotBeASink() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ""));
            assertThatThrownBy(() -> db.execute(
                            "CREATE SINK outbox FROM s WITH (connector = 'memory', topic = 'x', batch = '3')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("unknown option 'batch'");
        }
    }

    @Test
    void secretsAreMaskedInTheCatalog() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ", password = 'hunter2', 'client.ssl.key.password' = 'hunter3'"));
            db.execute("CREATE SINK outbox FROM s WITH (connector = 'memory', topic = '" + out
                    + "', password = 'hunter4')");
            assertThat(db.sources().get(0).options().toString()).doesNotContain("hunter");
            assertThat(db.sources().get(0).sql()).doesNotContain("hunter");
            assertThat(db.sinks().get(0).options()).containsEntry("password", ConnectorOptions.MASK);
            assertThat(db.sinks().get(0).sql()).doesNotContain("hunter");
            assertThat(db.execute("SHOW SINKS").rows().toString()).doesNotContain("hunter");
        }
    }

    @Test
    void rowsFlowFromASourceConnectorThroughAQueryToASinkConnector() {
        MemoryConnectorFactory.topic(in).addAll(List.of(insert("a", 1L), insert("b", 2L), insert("a", 3L)));
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder()
                .checkpointInterval(Duration.ofMillis(50))
                .build())) {
            db.execute(source("s", ", batch = '2'"));
            db.execute("CREATE SINK big AS SELECT k, v * 10 AS v FROM s WHERE v > 1 WITH (connector = 'memory',"
                    + " topic = '" + out + "')");
            db.start();
            await(() -> MemoryConnectorFactory.committed(out).size() == 2);
            MemoryConnectorFactory.topic(in).add(insert("c", 5L));
            await(() -> MemoryConnectorFactory.committed(out).size() == 3);
            assertThat(values(MemoryConnectorFactory.committed(out))).containsExactly("b|20", "a|30", "c|50");
            await(() -> MemoryConnectorFactory.COMMITTED_POSITIONS.getOrDefault("s", 0L) == 4L);
            assertThat(db.execute("SHOW SINKS").rows().get(0).get("connector")).isEqualTo("memory");
            assertThat(db.topology().nodes()).contains(new Topology.Node(Topology.NodeType.SINK, "big"));
            assertThat(db.topology().edges()).contains(new Topology.Edge("big_query", "big"));
            assertThat(db.connectors().get("s").metrics().records()).isEqualTo(4);
            assertThat(db.connectors().get("big").health().up()).isTrue();
            db.execute("DROP SINK big");
            assertThat(db.sinks()).isEmpty();
            assertThat(db.streams()).isEmpty(); // its query went with it
        }
    }

    @Test
    void theUriFormNamesTheConnectorByScheme() {
        MemoryConnectorFactory.topic(in).add(insert("a", 1L));
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute("CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL) FROM 'memory:///" + in + "?batch=1'");
            db.execute("CREATE SINK outbox INTO 'memory:///" + out + "' AS SELECT * FROM s");
            db.start();
            await(() -> MemoryConnectorFactory.committed(out).size() == 1);
            assertThat(db.sources().get(0).options()).doesNotContainKey("topic"); // as written: the URI holds it
        }
    }

    @Test
    void aDroppedInputIsRefusedWhileASinkWritesIt() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ""));
            db.execute("CREATE SINK outbox FROM s WITH (connector = 'memory', topic = '" + out + "')");
            assertThatThrownBy(() -> db.execute("DROP SOURCE s")).hasMessageContaining("sink 'outbox' reads from it");
            db.execute("DROP SOURCE s CASCADE");
            assertThat(db.sinks()).isEmpty();
        }
    }

    @Test
    void undecodableRecordsAreCountedAsDeadLetters() {
        MemoryConnectorFactory.topic(in).addAll(List.of(insert("a", 1L), insert("poison", 0L), insert("b", 2L)));
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ""));
            db.execute("CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS n FROM s");
            db.start();
            await(() -> db.query("SELECT n FROM n").rows().stream()
                    .anyMatch(r -> r.get(0).equals(2L)));
            assertThat(db.connectors().get("s").metrics().deadLetters()).isEqualTo(1);
            assertThat(db.connectors().get("s").metrics().lastError())
                    .get()
                    .asString()
                    .contains("poison pill");
            assertThat(MemoryConnectorFactory.DEAD.get("s")).hasSize(1);
        }
    }

    @Test
    void aChangelogSourceRetractsThroughAnAggregate() {
        MemoryConnectorFactory.topic(in)
                .addAll(List.of(
                        insert("a", 1L),
                        insert("b", 2L),
                        new Change(new Object[] {"a", 1L}, ChangeEvent.Op.UPDATE_BEFORE),
                        new Change(new Object[] {"a", 5L}, ChangeEvent.Op.UPDATE_AFTER),
                        new Change(new Object[] {"b", 2L}, ChangeEvent.Op.DELETE)));
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(source("s", ", changelog = 'true'"));
            db.execute("CREATE MATERIALIZED VIEW total AS SELECT SUM(v) AS v, COUNT(*) AS n FROM s");
            db.start();
            await(() -> text(db.query("SELECT v, n FROM total").rows()).equals(List.of("5|1")));
        }
    }

    @Test
    void aRestartReadsOnFromTheCheckpointedPositionAndTheSinkCommitsOnce() {
        for (int i = 0; i < 100; i++) {
            MemoryConnectorFactory.topic(in).add(insert("k" + (i % 3), (long) i));
        }
        String schema = source("s", ", batch = '7'") + ";"
                + " CREATE MATERIALIZED VIEW sums AS SELECT k, SUM(v) AS v, COUNT(*) AS n FROM s GROUP BY k;"
                + " CREATE SINK copy FROM s WITH (connector = 'memory', topic = '" + out + "')";
        LaminarConfig config = LaminarConfig.builder()
                .dataDir(dir)
                .checkpointInterval(Duration.ofMillis(30))
                .build();
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute(schema);
            db.start();
            await(() -> MemoryConnectorFactory.committed(out).size() == 100);
        }
        for (int i = 100; i < 150; i++) {
            MemoryConnectorFactory.topic(in).add(insert("k" + (i % 3), (long) i));
        }
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute(schema);
            db.start();
            await(() -> MemoryConnectorFactory.committed(out).size() >= 150
                    && text(db.query("SELECT SUM(n) FROM sums").rows()).equals(List.of("150")));
            assertThat(text(db.query("SELECT SUM(v) FROM sums").rows())).containsExactly("" + (149 * 150 / 2));
        }
        // The sink saw every row once: commits follow the checkpoints, and the second run read on from the position.
        assertThat(values(MemoryConnectorFactory.committed(out))).hasSize(150).doesNotHaveDuplicates();
    }

    private static List<String> values(List<Change> changes) {
        return changes.stream()
                .map(c ->
                        java.util.Arrays.stream(c.values()).map(String::valueOf).collect(Collectors.joining("|")))
                .toList();
    }

    private static List<String> text(List<Row> rows) {
        return rows.stream()
                .map(r -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < r.size(); i++) {
                        s.append(i == 0 ? "" : "|").append(r.get(i));
                    }
                    return s.toString();
                })
                .toList();
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
