package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.laminardb.spring.autoconfigure.sink.SinkInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The statuses and details of the {@code laminar} health, against a real database. */
class LaminarHealthIndicatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LaminarAutoConfiguration.class, LaminarHealthContributorAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/actuator.sql");

    @Test
    void healthWhenThePipelineRunsShouldBeUpWithSourceDetails() {
        runner.run(context -> {
            LaminarDB db = context.getBean(LaminarDB.class);
            Instant fiveSecondsAgo = Instant.now().minusSeconds(5);
            db.source("readings", Reading.class).push(new Reading("s1", 20.5, fiveSecondsAgo));
            await().until(() -> db.sourceMetrics("readings").orElseThrow().watermark() != Long.MIN_VALUE);

            Health health = context.getBean(LaminarHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "RUNNING");
            Map<String, Object> readings = detail(health, "sources", "readings");
            assertThat(readings)
                    .containsEntry("backpressured", false)
                    .containsKeys("pending", "utilization", "watermarkLagMillis");
            // The watermark trails the event time by the source's one-second delay.
            assertThat((Long) readings.get("watermarkLagMillis")).isBetween(6_000L, 60_000L);
        });
    }

    @Test
    void healthOfASourceWithoutWatermarkShouldLeaveTheLagOut() {
        runner.run(context -> {
            Health health = context.getBean(LaminarHealthIndicator.class).health();
            assertThat(detail(health, "sources", "readings"))
                    .containsEntry("pending", 0L)
                    .doesNotContainKey("watermarkLagMillis");
        });
    }

    @Test
    void healthWhenASinkIsStoppedByItsErrorPolicyShouldBeDownNamingTheSink() {
        runner.withPropertyValues("laminar.sink-defaults.error-policy=stop")
                .withBean(FailingSink.class)
                .run(context -> {
                    Source<Reading> readings = context.getBean(LaminarDB.class).source("readings", Reading.class);
                    readings.push(Reading.of("s1", 150.0));
                    LaminarSinks sinks = context.getBean(LaminarSinks.class);
                    await().until(() -> sinks.sinks().get(0).state() == SinkInfo.State.STOPPED);

                    Health health =
                            context.getBean(LaminarHealthIndicator.class).health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat((String) health.getDetails().get("reason"))
                            .contains("@LaminarSink FailingSink.onAlert on 'alerts' stopped")
                            .contains("java.lang.IllegalStateException: the pager is down");
                    assertThat(detail(health, "sinks", "FailingSink.onAlert"))
                            .containsEntry("stream", "alerts")
                            .containsEntry("state", "STOPPED")
                            .containsEntry("lastError", "java.lang.IllegalStateException: the pager is down");
                });
    }

    @Test
    void healthWhileEverySinkRunsShouldBeUpWithTheSinks() {
        runner.withPropertyValues("laminar.sink-defaults.error-policy=stop")
                .withBean(FailingSink.class)
                .run(context -> {
                    Health health =
                            context.getBean(LaminarHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(detail(health, "sinks", "FailingSink.onAlert")).containsEntry("state", "RUNNING");
                });
    }

    @Test
    void healthBeforeThePipelineStartsShouldBeOutOfService() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            Health health = new LaminarHealthIndicator(db, null, Duration.ofSeconds(1)).health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("state", "CREATED");
        }
    }

    @Test
    void healthAfterShutdownShouldBeOutOfService() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.start();
            db.shutdown();
            Health health = new LaminarHealthIndicator(db, null, Duration.ofSeconds(1)).health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("state", "STOPPED");
        }
    }

    @Test
    void healthWhenThePipelineFailedShouldBeDownWithTheFailure() {
        // No public way makes an engine thread die, so this snapshot is written by hand.
        PipelineMetrics failed = new PipelineMetrics(
                PipelineState.FAILED,
                10,
                5,
                0,
                0,
                1,
                Duration.ofSeconds(3),
                Optional.of("java.lang.OutOfMemoryError: Java heap space"),
                0,
                0);
        LaminarHealthIndicator indicator = new LaminarHealthIndicator(
                () -> new LaminarHealthIndicator.Snapshot(failed, List.of()),
                List::of,
                Duration.ofSeconds(1),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("state", "FAILED")
                .containsEntry("reason", "the pipeline failed: java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void healthWhenAConnectorIsDownShouldBeDownNamingIt() {
        PipelineMetrics running = new PipelineMetrics(
                PipelineState.RUNNING, 10, 5, 1, 0, 1, Duration.ofSeconds(3), Optional.empty(), 0, 0);
        io.laminardb.engine.connector.ConnectorMetrics metrics =
                new io.laminardb.engine.connector.ConnectorMetrics("orders", "kafka");
        metrics.recordsIn(7, 700);
        metrics.error("broker unreachable");
        io.laminardb.engine.ConnectorStatus down = new io.laminardb.engine.ConnectorStatus(
                "orders",
                io.laminardb.engine.ConnectorStatus.Kind.SOURCE,
                "kafka",
                io.laminardb.engine.connector.ConnectorHealth.down("circuit open after repeated failures"),
                metrics);
        LaminarHealthIndicator indicator = new LaminarHealthIndicator(
                () -> new LaminarHealthIndicator.Snapshot(running, List.of(), java.util.Map.of("orders", down)),
                List::of,
                Duration.ofSeconds(1),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("reason"))
                .isEqualTo("connector 'kafka' of source 'orders' is down: circuit open after repeated failures");
        assertThat(health.getDetails().get("connectors").toString())
                .contains("records=7")
                .contains("lastError=broker unreachable");
    }

    @Test
    void healthWhenTheDatabaseDoesNotAnswerInTimeShouldBeUnknownWithoutWaitingLonger() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LaminarHealthIndicator indicator = new LaminarHealthIndicator(
                () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("released");
                },
                List::of,
                Duration.ofMillis(50),
                Clock.systemUTC());
        try {
            long start = System.nanoTime();
            // The first check occupies the reader; the second waits behind it; the third is not even queued.
            for (int i = 0; i < 3; i++) {
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
                assertThat((String) health.getDetails().get("reason")).contains("did not answer within 50 ms");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
            indicator.destroy();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String group, String name) {
        Map<String, Object> members = (Map<String, Object>) health.getDetails().get(group);
        assertThat(members).containsKey(name);
        return (Map<String, Object>) members.get(name);
    }

    static class FailingSink {

        @LaminarSink("alerts")
        void onAlert(Reading reading) {
            throw new IllegalStateException("the pager is down");
        }
    }
}
