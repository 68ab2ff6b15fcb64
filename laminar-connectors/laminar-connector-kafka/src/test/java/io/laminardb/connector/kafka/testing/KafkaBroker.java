package io.laminardb.connector.kafka.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a child JVM, for tests: started from the
 * test class path, on free ports of 127.0.0.1, with its log in a temporary directory. A child JVM, not a broker inside
 * the test's JVM, so that a test can kill the application under test without killing the broker.
 *
 * <p>{@link #shared()} starts one per test JVM, reused by every test class and stopped at exit.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final Path dir;
    private final Process process;
    private final int port;
    private final int saslPort;

    /** The user the SASL/PLAIN listener knows, and its password. */
    public static final String SASL_USER = "app";

    public static final String SASL_PASSWORD = "app-secret";

    private KafkaBroker(Path dir, Process process, int port, int saslPort) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.saslPort = saslPort;
    }

    /** The broker of this test JVM, started on first use. */
    public static synchronized KafkaBroker shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            KafkaBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        }
        return shared;
    }

    /** Starts a broker and waits until it answers. */
    public static KafkaBroker start() {
        try {
            Path dir = Files.createTempDirectory("laminar-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            int saslPort = freePort();
            Path logs = dir.resolve("data");
            Path config = dir.resolve("server.properties");
            Properties p = new Properties();
            p.setProperty("process.roles", "broker,controller");
            p.setProperty("node.id", "1");
            p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.setProperty(
                    "listeners",
                    "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                            + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
            p.setProperty(
                    "advertised.listeners",
                    "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
            p.setProperty("controller.listener.names", "CONTROLLER");
            p.setProperty(
                    "listener.security.protocol.map",
                    "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
            // A SASL/PLAIN listener too, for the connector's security options.
            p.setProperty("sasl.enabled.mechanisms", "PLAIN");
            p.setProperty(
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
                            + " password=\"admin-secret\" user_admin=\"admin-secret\" user_" + SASL_USER + "=\""
                            + SASL_PASSWORD + "\";");
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
            p.setProperty("log.dirs", logs.toString());
            p.setProperty("num.partitions", "1");
            p.setProperty("offsets.topic.replication.factor", "1");
            p.setProperty("offsets.topic.num.partitions", "1");
            p.setProperty("transaction.state.log.replication.factor", "1");
            p.setProperty("transaction.state.log.min.isr", "1");
            p.setProperty("transaction.state.log.num.partitions", "1");
            p.setProperty("share.coordinator.state.topic.replication.factor", "1");
            p.setProperty("share.coordinator.state.topic.min.isr", "1");
            p.setProperty("group.initial.rebalance.delay.ms", "0");
            p.setProperty("auto.create.topics.enable", "true");
            p.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
            // Transactions left open by a killed test process are aborted quickly.
            p.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
            try (var out = Files.newBufferedWriter(config)) {
                p.store(out, "test broker");
            }
            Path log = dir.resolve("broker.log");
            String clusterId = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.nio.ByteBuffer.allocate(16)
                            .putLong(System.nanoTime())
                            .putLong(port)
                            .array());
            run(
                    dir,
                    log,
                    List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
                    Duration.ofSeconds(60));
            Process broker = java(dir, log, List.of("kafka.Kafka", config.toString()));
            KafkaBroker started = new KafkaBroker(dir, broker, port, saslPort);
            started.awaitReady(Duration.ofSeconds(60), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:port} of the SASL_PLAINTEXT listener (mechanism PLAIN, {@link #SASL_USER}). */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** Creates a topic (replication factor 1). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private void awaitReady(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The Kafka broker exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(200);
            }
        }
        close();
        throw new IllegalStateException(
                "The Kafka broker did not answer within " + timeout + " (" + last + "):\n" + tail(log));
    }

    private static void run(Path dir, Path log, List<String> args, Duration timeout) throws IOException {
        Process process = java(dir, log, args);
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(args.get(0) + " failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process java(Path dir, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dlog4j2.configurationFile=" + log4j(dir));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(args);
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Broker logs at WARN, into the broker's log file (the process output). */
    private static String log4j(Path dir) throws IOException {
        Path file = dir.resolve("log4j2.properties");
        if (!Files.exists(file)) {
            Files.writeString(
                    file,
                    "rootLogger.level = WARN\nrootLogger.appenderRef.out.ref = out\n"
                            + "appender.out.type = Console\nappender.out.name = out\n"
                            + "appender.out.layout.type = PatternLayout\n"
                            + "appender.out.layout.pattern = %d %p %c{1} %m%n\n");
        }
        return file.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir; the OS cleans it eventually
        }
    }
}
