package io.laminardb.benchmarks.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NexmarkIngestTest {

    @Test
    void ingestTakesEveryGeneratedEventIntoTheThreeSources() throws InterruptedException {
        // ingest throws unless the engine counted exactly the events pushed.
        assertThat(NexmarkIngest.ingest(NexmarkConfig.DEFAULT.withNumEvents(20_000)))
                .isPositive();
    }

    @Test
    void generatorAloneReportsARate() {
        assertThat(NexmarkIngest.generateOnly(NexmarkConfig.DEFAULT.withNumEvents(20_000)))
                .isPositive();
    }
}
