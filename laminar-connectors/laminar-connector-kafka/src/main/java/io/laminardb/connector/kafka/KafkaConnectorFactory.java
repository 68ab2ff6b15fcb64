package io.laminardb.connector.kafka;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.ConnectorFactory;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.SinkConnector;
import io.laminardb.engine.connector.SinkSpec;
import io.laminardb.engine.connector.SourceConnector;
import io.laminardb.engine.connector.SourceSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kafka} connector: sources read topics in a consumer group, sinks write a topic. Options follow the
 * seed's Kafka keys ({@code bootstrap.servers}, {@code topic}, {@code group.id}, {@code auto.offset.reset}, {@code
 * security.protocol}, {@code sasl.*}, {@code partitioner}, {@code delivery.guarantee}); any other Kafka client property
 * passes through with the prefix {@code kafka.} ({@code 'kafka.max.poll.records' = '1000'}). URI form: {@code
 * kafka://host:port[,host:port]/topic?group.id=g&format=json}.
 */
public final class KafkaConnectorFactory implements ConnectorFactory {

    static final List<ConnectorOption> COMMON = List.of(
            ConnectorOption.string("bootstrap.servers", "Comma-separated Kafka brokers, host:port")
                    .required(),
            ConnectorOption.string("topic", "The Kafka topic (for a source, several may be given, comma-separated)")
                    .required(),
            ConnectorOption.choice(
                            "security.protocol",
                            "How to talk to the brokers",
                            "PLAINTEXT",
                            "SSL",
                            "SASL_PLAINTEXT",
                            "SASL_SSL")
                    .withDefault("PLAINTEXT"),
            ConnectorOption.choice("sasl.mechanism", "The SASL mechanism", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
            ConnectorOption.string("sasl.username", "The SASL user name"),
            ConnectorOption.string("sasl.password", "The SASL password").secret(),
            ConnectorOption.prefix("kafka.", "Any Kafka client property, passed on without the prefix"));

    static final List<ConnectorOption> SOURCE = List.of(
            ConnectorOption.string("group.id", "The consumer group: offsets are committed under it")
                    .required(),
            ConnectorOption.choice(
                            "auto.offset.reset",
                            "Where to start when neither a checkpoint nor the group has an offset",
                            "earliest",
                            "latest")
                    .withDefault("latest"),
            ConnectorOption.choice(
                            "isolation.level",
                            "Whether to read only committed transactional records",
                            "read_committed",
                            "read_uncommitted")
                    .withDefault("read_committed"),
            ConnectorOption.string(
                    "dead.letter.topic",
                    "Where messages that cannot be decoded go, with the error and origin in headers; without it such a"
                            + " message stops the source"),
            ConnectorOption.duration("poll.timeout", "How long one poll waits for records")
                    .withDefault("100ms"));

    static final List<ConnectorOption> SINK = List.of(
            ConnectorOption.choice(
                            "partitioner", "How rows are spread over partitions", "key-hash", "round-robin", "sticky")
                    .withDefault("round-robin"),
            ConnectorOption.string("key.column", "The column whose value is the message key (default: the first)"),
            ConnectorOption.choice(
                            "delivery.guarantee",
                            "at-least-once, or exactly-once through Kafka transactions committed with each checkpoint",
                            "at-least-once",
                            "exactly-once")
                    .withDefault("at-least-once"),
            ConnectorOption.string(
                    "transactional.id.prefix",
                    "The prefix of the sink's transactional ids (default: laminar-<sink>); keep it stable across"
                            + " restarts and unique per sink"));

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<ConnectorOption> sourceOptions() {
        List<ConnectorOption> options = new ArrayList<>(COMMON);
        options.addAll(SOURCE);
        return options;
    }

    @Override
    public List<ConnectorOption> sinkOptions() {
        List<ConnectorOption> options = new ArrayList<>(COMMON);
        options.addAll(SINK);
        return options;
    }

    /** {@code kafka://b1:9092,b2:9092/orders?group.id=g&format=json}. */
    @Override
    public Map<String, String> optionsFromUri(URI uri) {
        String servers = uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (servers == null || servers.isBlank() || path.isBlank()) {
            throw new ConnectorException("'" + uri + "' is not a Kafka URI: write kafka://host:port[,host:port]/topic"
                    + "[?key=value&...], e.g. 'kafka://localhost:9092/orders?format=json&group.id=app'.");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("bootstrap.servers", servers);
        options.put("topic", decode(path));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                options.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void validateSource(SourceSpec spec) {
        KafkaSettings.check(spec.name(), spec.options());
    }

    @Override
    public void validateSink(SinkSpec spec) {
        KafkaSettings.check(spec.name(), spec.options());
        if (spec.options().getChoice("delivery.guarantee").orElse("").equals("exactly-once") && !spec.durable()) {
            throw new ConnectorException("Sink '" + spec.name() + "': delivery.guarantee = 'exactly-once' commits a"
                    + " Kafka transaction with each checkpoint, and this database has none. Open it with a data"
                    + " directory (LaminarConfig.Builder.dataDir, laminar.data-dir), or use 'at-least-once'.");
        }
        spec.options().get("key.column").ifPresent(column -> {
            if (spec.layout().indexOf(column) < 0) {
                throw new ConnectorException("Sink '" + spec.name() + "': key.column '" + column + "' is not a column"
                        + " of its input; columns: "
                        + spec.schema().getFields().stream()
                                .map(f -> f.getName())
                                .toList());
            }
        });
    }

    @Override
    public SourceConnector createSource(SourceSpec spec) {
        return new KafkaSourceConnector(spec);
    }

    @Override
    public SinkConnector createSink(SinkSpec spec) {
        return new KafkaSinkConnector(spec);
    }
}
