package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The values of the LaminarDB meters in a registry, after rows were pushed through a real database. */
class LaminarMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LaminarAutoConfiguration.class,
                    LaminarMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/actuator.sql");

    @Test
    void sourceMetersShowEventsBufferAndWatermark() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
            assertThat(gauge(registry, "laminar.source.watermark", "source", "readings"))
                    .isNaN();
            Source<Reading> readings = context.getBean(LaminarDB.class).source("readings", Reading.class);
            for (int i = 0; i < 5; i++) {
                readings.push(new Reading("s" + i, i, Reading.T0.plusSeconds(i)));
            }

            await().until(() -> gauge(registry, "laminar.source.pending", "source", "readings") == 0);
            assertThat(registry.get("laminar.source.events")
                            .tag("source", "readings")
                            .functionCounter()
                            .count())
                    .isEqualTo(5);
            assertThat(gauge(registry, "laminar.source.capacity", "source", "readings"))
                    .isEqualTo(1_024);
            assertThat(gauge(registry, "laminar.source.utilization", "source", "readings"))
                    .isZero();
            assertThat(gauge(registry, "laminar.source.backpressured", "source", "readings"))
                    .isZero();
            // The newest event time, less the source's one-second watermark delay.
            Instant newest = Reading.T0.plusSeconds(4);
            await().until(() -> gauge(registry, "laminar.source.watermark", "source", "readings")
                    == newest.minusSeconds(1).toEpochMilli());
            assertThat(registry.get("laminar.source.dropped")
                            .tag("source", "readings")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("laminar.source.rejected")
                            .tag("source", "readings")
                            .functionCounter()
                            .count())
                    .isZero();
        });
    }

    @Test
    void pipelineAndStreamCountersShowTheRowsThatFlowed() {
        runner.withBean(CountingSink.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Source<Reading> readings = context.getBean(LaminarDB.class).source("readings", Reading.class);
            readings.push(Reading.of("s1", 150));
            readings.push(Reading.of("s1", 10));
            readings.push(Reading.of("s2", 170));
            CountingSink sink = context.getBean(CountingSink.class);
            await().until(() -> sink.calls.get() == 2);

            assertThat(counter(registry, "laminar.pipeline.events.ingested")).isEqualTo(3);
            // The sink's subscription received the two alerts.
            assertThat(counter(registry, "laminar.pipeline.events.emitted")).isEqualTo(2);
            assertThat(registry.get("laminar.stream.rows")
                            .tag("stream", "alerts")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            await().until(() -> registry.get("laminar.stream.rows")
                            .tag("stream", "readings_per_sensor")
                            .functionCounter()
                            .count()
                    >= 3);
            assertThat(registry.get("laminar.stream.state.rows")
                            .tag("stream", "alerts")
                            .gauge()
                            .value())
                    .as("a query without joins holds no rows")
                    .isZero();
        });
    }

    @Test
    void sinkCountersCountRowsBySinkStreamAndOutcome() {
        runner.withBean(CountingSink.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Source<Reading> readings = context.getBean(LaminarDB.class).source("readings", Reading.class);
            readings.push(Reading.of("s1", 150));
            readings.push(Reading.of("broken", 160));
            readings.push(Reading.of("s2", 170));
            await().until(() -> sinkEvents(registry, "success") + sinkEvents(registry, "failed") == 3);

            assertThat(sinkEvents(registry, "success")).isEqualTo(2);
            assertThat(sinkEvents(registry, "failed")).isEqualTo(1);
        });
    }

    @Test
    void aSourceCreatedAtRunTimeGetsMetersAtTheNextScrape() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(LaminarDB.class).execute("CREATE SOURCE later (a INT) WITH (buffer_size = 64)");
            assertThat(registry.find("laminar.source.capacity")
                            .tag("source", "later")
                            .gauge())
                    .isNull();

            counter(registry, "laminar.pipeline.events.ingested");

            assertThat(gauge(registry, "laminar.source.capacity", "source", "later"))
                    .isEqualTo(64);
        });
    }

    @Test
    void metersOfADroppedSourceAreRemoved() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LaminarDB db = context.getBean(LaminarDB.class);
            db.execute("CREATE SOURCE temporary (a INT)");
            context.getBean(LaminarMetrics.class).refresh();
            assertThat(registry.find("laminar.source.events")
                            .tag("source", "temporary")
                            .functionCounter())
                    .isNotNull();

            db.execute("DROP SOURCE temporary");
            context.getBean(LaminarMetrics.class).refresh();

            assertThat(registry.find("laminar.source.events")
                            .tag("source", "temporary")
                            .meters())
                    .isEmpty();
            assertThat(registry.find("laminar.source.events")
                            .tag("source", "readings")
                            .functionCounter())
                    .isNotNull();
        });
    }

    @Test
    void checkpointAndWalMetersAreNotRegisteredBeforeTheEngineHasThem() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("laminar.checkpoint.duration").meters()).isEmpty();
            assertThat(registry.find("laminar.wal.fsync").meters()).isEmpty();
        });
    }

    private static double gauge(MeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }

    private static double sinkEvents(MeterRegistry registry, String outcome) {
        return registry.get("laminar.sink.events")
                .tag("sink", "CountingSink.onAlert")
                .tag("stream", "alerts")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    static class CountingSink {

        final AtomicInteger calls = new AtomicInteger();

        @LaminarSink("alerts")
        void onAlert(Reading reading) {
            calls.incrementAndGet();
            if (reading.sensor().equals("broken")) {
                throw new IllegalStateException("broken sensor");
            }
        }
    }
}
