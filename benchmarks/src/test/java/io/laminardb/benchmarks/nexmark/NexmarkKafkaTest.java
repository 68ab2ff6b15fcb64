package io.laminardb.benchmarks.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kafka mode of the Nexmark harness, on a small run against a real broker. */
class NexmarkKafkaTest {

    @Test
    void everyQueryReadsEveryBidFromTheTopic() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        List<NexmarkKafka.Result> results = NexmarkKafka.run(
                broker.bootstrapServers(),
                NexmarkConfig.DEFAULT.withNumEvents(20_000).withFirstEventRate(1_000), // 20 s of event time
                2,
                List.of(NexmarkQuery.Q0, NexmarkQuery.Q2, NexmarkQuery.Q7));
        assertThat(results).extracting(NexmarkKafka.Result::name).containsExactly("load", "ingest", "q0", "q2", "q7");
        long bids = results.get(0).bids();
        assertThat(bids).isEqualTo(18_400); // 46 in 50 events are bids
        assertThat(results).allSatisfy(r -> assertThat(r.bids()).isEqualTo(bids));
        assertThat(results.get(2).rows()).isEqualTo(bids); // q0 passes every bid
        assertThat(results.get(3).rows()).isPositive().isLessThan(bids);
        assertThat(results.get(4).rows()).isPositive(); // windows closed by the watermark
    }
}
