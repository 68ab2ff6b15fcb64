package io.laminardb.connector.kafka;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application the exactly-once test kills: Kafka topic in, a query, Kafka topic out with {@code delivery.guarantee
 * = 'exactly-once'}, checkpoints every 100 ms. Runs until killed, or until its standard input closes (then it shuts
 * down cleanly). Arguments: bootstrap servers, data directory, input topic, output topic, group.
 */
public final class EosPipeline {

    private EosPipeline() {}

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        LaminarConfig config = LaminarConfig.builder()
                .dataDir(Path.of(args[1]))
                .cores(1)
                .checkpointInterval(Duration.ofMillis(100))
                .build();
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute("CREATE SOURCE input (id BIGINT NOT NULL) WITH (connector = 'kafka', 'bootstrap.servers' = '"
                    + servers + "', topic = '" + args[2] + "', 'group.id' = '" + args[4]
                    + "', 'auto.offset.reset' = 'earliest')");
            db.execute("CREATE SINK output INTO 'kafka://" + servers + "/" + args[3]
                    + "?delivery.guarantee=exactly-once&partitioner=key-hash'"
                    + " AS SELECT id, id * 2 AS twice FROM input");
            db.start();
            System.out.println("started");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
        System.out.println("stopped");
    }
}
