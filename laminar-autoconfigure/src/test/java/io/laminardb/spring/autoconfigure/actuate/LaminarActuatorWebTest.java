package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.laminardb.annotations.LaminarSink;
import io.laminardb.engine.LaminarDB;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The health, the endpoint and a meter over real HTTP, in an application with every auto-configuration. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "laminar.cores=1",
            "laminar.schema-locations=classpath:laminar/actuator.sql",
            "management.endpoints.web.exposure.include=health,laminar,metrics",
            "management.endpoint.health.show-details=always"
        })
class LaminarActuatorWebTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private LaminarDB db;

    @Test
    void healthShowsTheLaminarContributorWithItsDetails() throws Exception {
        db.source("readings", Reading.class).push(Reading.of("s1", 150.0));
        await().until(() -> db.sourceMetrics("readings").orElseThrow().watermark() != Long.MIN_VALUE);

        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.laminar.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.laminar.details.state", String.class))
                .isEqualTo("RUNNING");
        assertThat(json.read("$.components.laminar.details.sources.readings.backpressured", Boolean.class))
                .isFalse();
        assertThat(json.read("$.components.laminar.details.sources.readings.watermarkLagMillis", Long.class))
                .isPositive();
        assertThat(json.read("$.components.laminar.details.sinks['Alerts.onAlert'].state", String.class))
                .isEqualTo("RUNNING");
    }

    @Test
    void laminarEndpointDescribesTheDatabaseAsJson() throws Exception {
        HttpResponse<String> response = get("/actuator/laminar");

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.pipeline.state", String.class)).isEqualTo("RUNNING");
        assertThat(json.read("$.sources[0].name", String.class)).isEqualTo("readings");
        assertThat(json.<List<Object>>read("$.sources[0].columns"))
                .containsExactly(
                        Map.of("name", "sensor", "type", "VARCHAR", "nullable", true),
                        Map.of("name", "reading", "type", "DOUBLE", "nullable", false),
                        Map.of("name", "ts", "type", "TIMESTAMP(3)", "nullable", true));
        assertThat(json.read("$.sources[0].watermarkColumn", String.class)).isEqualTo("ts");
        assertThat(json.read("$.sources[0].config.bufferSize", Integer.class)).isEqualTo(1_024);
        assertThat(json.read("$.sources[0].options.buffer_size", String.class)).isEqualTo("1024");
        assertThat(json.read("$.sources[0].metrics.capacity", Long.class)).isEqualTo(1_024L);
        assertThat(json.read("$.sinks[0].name", String.class)).isEqualTo("Alerts.onAlert");
        assertThat(json.read("$.sinks[0].stream", String.class)).isEqualTo("alerts");
        assertThat(json.read("$.streams[0].name", String.class)).isEqualTo("alerts");
        assertThat(json.read("$.views[0].name", String.class)).isEqualTo("readings_per_sensor");
        assertThat(json.<List<Object>>read("$.tables")).isEmpty();
        assertThat(json.<List<Object>>read("$.topology.nodes[*].name"))
                .contains("readings", "alerts", "readings_per_sensor", "Alerts.onAlert");
        assertThat(json.<List<Object>>read("$.topology.edges[?(@.from == 'alerts')].to"))
                .containsExactly("Alerts.onAlert");
    }

    @Test
    void laminarEndpointDescribesOneObjectByName() throws Exception {
        HttpResponse<String> stream = get("/actuator/laminar/alerts");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(stream.body()).read("$.input", String.class)).isEqualTo("readings");

        assertThat(get("/actuator/laminar/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void laminarEndpointIsReadOnly() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/laminar"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build();
        assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
    }

    @Test
    void metersAreBoundToTheApplicationsRegistry() throws Exception {
        HttpResponse<String> response = get("/actuator/metrics/laminar.source.capacity?tag=source:readings");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(response.body()).read("$.measurements[0].value", Double.class))
                .isEqualTo(1_024.0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Alerts.class)
    static class Application {}

    static class Alerts {

        @LaminarSink("alerts")
        void onAlert(Reading reading) {}
    }
}
