package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint.LaminarDescriptor;
import io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint.NodeDescriptor;
import io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint.SinkDescriptor;
import io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint.SourceDescriptor;
import io.laminardb.spring.autoconfigure.actuate.LaminarEndpoint.StreamDescriptor;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the {@code laminar} endpoint tells of a real database. */
class LaminarEndpointTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LaminarAutoConfiguration.class, LaminarEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "laminar.cores=1",
                    "laminar.schema-locations=classpath:laminar/actuator.sql",
                    "management.endpoints.web.exposure.include=laminar")
            .withBean(AlertSink.class);

    @Test
    void laminarDescribesThePipelineAndEveryObject() {
        runner.run(context -> {
            LaminarDB db = context.getBean(LaminarDB.class);
            db.source("readings", Reading.class).push(Reading.of("s1", 150.0));
            await().until(() -> db.sourceMetrics("readings").orElseThrow().watermark() != Long.MIN_VALUE);

            LaminarDescriptor laminar = context.getBean(LaminarEndpoint.class).laminar();

            assertThat(laminar.pipeline().state()).isEqualTo("RUNNING");
            assertThat(laminar.pipeline().failure()).isNull();
            assertThat(laminar.pipeline().cores()).isEqualTo(1);
            assertThat(laminar.pipeline().sources()).isEqualTo(1);
            assertThat(laminar.pipeline().eventsIngested()).isEqualTo(1);

            assertThat(laminar.sources()).singleElement().satisfies(source -> {
                assertThat(source.name()).isEqualTo("readings");
                assertThat(source.watermarkColumn()).isEqualTo("ts");
                assertThat(source.watermarkDelayMillis()).isEqualTo(1_000);
                assertThat(source.config().bufferSize()).isEqualTo(1_024);
                assertThat(source.config().backpressure()).isEqualTo("BLOCK");
                assertThat(source.options()).containsEntry("buffer_size", "1024");
                assertThat(source.metrics().events()).isEqualTo(1);
                assertThat(source.metrics().capacity()).isEqualTo(1_024);
                assertThat(source.metrics().watermark()).isEqualTo("2023-12-31T23:59:59Z");
                assertThat(source.metrics().watermarkLagMillis()).isPositive();
            });
            assertThat(laminar.streams()).extracting(StreamDescriptor::name).containsExactly("alerts");
            assertThat(laminar.streams().get(0).input()).isEqualTo("readings");
            assertThat(laminar.views()).extracting(StreamDescriptor::name).containsExactly("readings_per_sensor");
            assertThat(laminar.views().get(0).changelog()).isTrue();
            assertThat(laminar.tables()).isEmpty();
            assertThat(laminar.sinks()).singleElement().satisfies(sink -> {
                assertThat(sink.name()).isEqualTo("AlertSink.onAlert");
                assertThat(sink.stream()).isEqualTo("alerts");
                assertThat(sink.parameter()).isEqualTo("Reading");
                assertThat(sink.state()).isEqualTo("RUNNING");
                assertThat(sink.lastError()).isNull();
            });
            assertThat(laminar.watermarks()).anySatisfy(w -> {
                assertThat(w.name()).isEqualTo("readings");
                assertThat(w.kind()).isEqualTo("source");
            });
            assertThat(laminar.topology().nodes())
                    .extracting(NodeDescriptor::type, NodeDescriptor::name)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("SOURCE", "readings"),
                            org.assertj.core.groups.Tuple.tuple("STREAM", "alerts"),
                            org.assertj.core.groups.Tuple.tuple("MATERIALIZED_VIEW", "readings_per_sensor"),
                            org.assertj.core.groups.Tuple.tuple("SINK", "AlertSink.onAlert"));
            assertThat(laminar.topology().edges())
                    .extracting(e -> e.from() + " -> " + e.to())
                    .contains("readings -> alerts", "readings -> readings_per_sensor", "alerts -> AlertSink.onAlert");
        });
    }

    @Test
    void columnsAreShownAsSqlTypesWithTheirNullability() {
        runner.run(context -> {
            SourceDescriptor readings =
                    context.getBean(LaminarEndpoint.class).laminar().sources().get(0);
            assertThat(readings.columns())
                    .containsExactly(
                            new ColumnDescriptor("sensor", "VARCHAR", true),
                            new ColumnDescriptor("reading", "DOUBLE", false),
                            new ColumnDescriptor("ts", "TIMESTAMP(3)", true));
            StreamDescriptor view =
                    context.getBean(LaminarEndpoint.class).laminar().views().get(0);
            assertThat(view.columns())
                    .extracting(ColumnDescriptor::name, ColumnDescriptor::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("sensor", "VARCHAR"),
                            org.assertj.core.groups.Tuple.tuple("n", "BIGINT"));
        });
    }

    @Test
    void objectFindsASourceStreamViewOrSinkByNameIgnoringCase() {
        runner.run(context -> {
            LaminarEndpoint endpoint = context.getBean(LaminarEndpoint.class);
            assertThat(endpoint.object("READINGS"))
                    .isInstanceOfSatisfying(
                            SourceDescriptor.class, s -> assertThat(s.name()).isEqualTo("readings"));
            assertThat(endpoint.object("alerts"))
                    .isInstanceOfSatisfying(
                            StreamDescriptor.class, s -> assertThat(s.emit()).isNotBlank());
            assertThat(endpoint.object("readings_per_sensor"))
                    .isInstanceOfSatisfying(
                            StreamDescriptor.class,
                            s -> assertThat(s.changelog()).isTrue());
            assertThat(endpoint.object("AlertSink.onAlert"))
                    .isInstanceOfSatisfying(
                            SinkDescriptor.class, s -> assertThat(s.stream()).isEqualTo("alerts"));
        });
    }

    @Test
    void objectOfAnUnknownNameIsNull() {
        runner.run(context -> assertThat(context.getBean(LaminarEndpoint.class).object("nothing"))
                .isNull());
    }

    @Test
    void columnTypesAreSpelledAsDescribeSpellsThem() {
        Field child = new Field("x", FieldType.notNullable(new ArrowType.Int(32, true)), null);
        Field item = new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
        assertThat(List.of(
                        ColumnDescriptor.sqlType(field(new ArrowType.Decimal(10, 2, 128))),
                        ColumnDescriptor.sqlType(field(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))),
                        ColumnDescriptor.sqlType(field(new ArrowType.Date(DateUnit.DAY))),
                        ColumnDescriptor.sqlType(field(new ArrowType.Int(16, true))),
                        ColumnDescriptor.sqlType(field(ArrowType.Binary.INSTANCE)),
                        ColumnDescriptor.sqlType(
                                new Field("r", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(child))),
                        ColumnDescriptor.sqlType(
                                new Field("l", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item)))))
                .containsExactly(
                        "DECIMAL(10, 2)",
                        "TIMESTAMP(6)",
                        "DATE",
                        "SMALLINT",
                        "VARBINARY",
                        "ROW(x INT NOT NULL)",
                        "ARRAY<VARCHAR>");
    }

    @Test
    void optionValuesWhoseKeysLookSecretAreMasked() {
        Map<String, String> masked = SecretOptions.mask(Map.of(
                "buffer_size", "1024",
                "password", "hunter2",
                "properties.ssl.key.password", "hunter2",
                "sasl.jaas.config", "... password=\"hunter2\";",
                "access-key", "AKIA",
                "api_token", "t",
                "key.format", "json"));
        assertThat(masked)
                .containsEntry("buffer_size", "1024")
                .containsEntry("key.format", "json")
                .containsEntry("password", SecretOptions.MASK)
                .containsEntry("properties.ssl.key.password", SecretOptions.MASK)
                .containsEntry("sasl.jaas.config", SecretOptions.MASK)
                .containsEntry("access-key", SecretOptions.MASK)
                .containsEntry("api_token", SecretOptions.MASK);
        assertThat(masked.values()).doesNotContain("hunter2");
    }

    private static Field field(ArrowType type) {
        return new Field("c", FieldType.nullable(type), null);
    }

    static class AlertSink {

        @LaminarSink("alerts")
        void onAlert(Reading reading) {}
    }
}
