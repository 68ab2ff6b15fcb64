package io.laminardb.connector.kafka.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a child JVM, for tests: started from the
 * test class path, on free ports of 127.0.0.1, with its data and log in a temporary directory. A child JVM, not a
 * broker inside the test's JVM, so that a test can kill the application under test without killing the broker, and
 * can kill the broker without killing the test.
 *
 * <p>{@link #shared()} starts one per test JVM, reused by every test class and stopped at exit; {@link #start()} one
 * for a single test, which closes it.
 *
 * <p>The connector is built against newer kafka-clients than the broker (kafka_2.13 {@code 4.4.0} does not resolve
 * on Maven Central), and a {@code 4.3.1} broker does not run with {@code 4.4.0} clients (classes it uses moved). The
 * build therefore copies the broker's own kafka-clients jar and names it in the system property {@value
 * #BROKER_CLIENTS_PROPERTY}; this class puts it in place of the test's kafka-clients on the broker's class path.
 * Without the property (a test run from an IDE) it looks for that jar next to kafka_2.13's in the local Maven
 * repository.
 *
 * <p>Thread safety: {@link #shared()} is synchronized; the other methods may be called from any thread.
 */
public final class KafkaBroker implements AutoCloseable {

    /** System property: the kafka-clients jar of the broker's own version. */
    public static final String BROKER_CLIENTS_PROPERTY = "laminar.kafka.broker.clients";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern KAFKA_JAR =
            Pattern.compile("kafka-clients-[^" + Pattern.quote(File.separator) + "]*\\.jar$");
    private static final Pattern BROKER_JAR =
            Pattern.compile("kafka_2\\.13-([0-9][^" + Pattern.quote(File.separator) + "]*)\\.jar$");

    private static KafkaBroker shared;

    private final Path dir;
    private final Path log;
    private final Process process;
    private final int port;
    private final int saslPort;
    private final Duration startupTime;

    /** The user the SASL/PLAIN listener knows, and its password. */
    public static final String SASL_USER = "app";

    public static final String SASL_PASSWORD = "app-secret";

    private KafkaBroker(Path dir, Path log, Process process, int port, int saslPort, Duration startupTime) {
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.port = port;
        this.saslPort = saslPort;
        this.startupTime = startupTime;
    }

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null || !shared.process.isAlive()) {
            KafkaBroker broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
            shared = broker;
        }
        return shared;
    }

    /** Starts a broker with the default settings and waits until it answers. */
    public static KafkaBroker start() {
        return start(Map.of(), Map.of());
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param properties broker settings added to (or replacing) the defaults of {@code server.properties}
     * @param features feature levels to format the storage with, such as {@code transaction.version=1}
     */
    public static KafkaBroker start(Map<String, String> properties, Map<String, Integer> features) {
        long started = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("laminar-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("broker.log");
        try {
            int port = freePort();
            int controllerPort = freePort();
            int saslPort = freePort();
            Path config = dir.resolve("server.properties");
            Properties settings = new Properties();
            settings.putAll(serverProperties(dir.resolve("data"), port, controllerPort, saslPort));
            settings.putAll(properties);
            try (var out = Files.newBufferedWriter(config)) {
                settings.store(out, "test broker");
            }
            String classPath = brokerClassPath();
            List<String> format = new ArrayList<>(List.of(
                    "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            features.forEach((name, level) -> format.addAll(List.of("--feature", name + "=" + level)));
            run(dir, log, classPath, format);
            Process broker = java(dir, log, classPath, List.of("kafka.Kafka", config.toString()));
            awaitReady(broker, "127.0.0.1:" + port, log);
            return new KafkaBroker(dir, log, broker, port, saslPort, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static Map<String, String> serverProperties(Path data, int port, int controllerPort, int saslPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        // A SASL/PLAIN listener too, for the connector's security options.
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
                        + " password=\"admin-secret\" user_admin=\"admin-secret\" user_" + SASL_USER + "=\""
                        + SASL_PASSWORD + "\";");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        // Transactions left open by a killed test process are aborted soon after their transaction.timeout.ms.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        return p;
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:port} of the SASL_PLAINTEXT listener (mechanism PLAIN, {@link #SASL_USER}). */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** How long {@link #start} took, from the temporary directory to the first answer of the broker. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The broker's output (its log at WARN), for a failing test's message. */
    public String logTail() {
        return tail(log);
    }

    /** Creates a topic (replication factor 1) and waits until it exists. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
        }
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static void awaitReady(Process process, String bootstrapServers, Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The Kafka broker exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(100);
            }
        }
        stop(process);
        throw new IllegalStateException(
                "The Kafka broker did not answer within " + STARTUP_TIMEOUT + " (" + last + "):\n" + tail(log));
    }

    /**
     * The test's class path with the broker's own kafka-clients in place of the connector's, which the broker cannot
     * run with when their versions differ.
     */
    static String brokerClassPath() {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        String clients = System.getProperty(BROKER_CLIENTS_PROPERTY);
        if (clients == null) {
            clients = clientsBesideBroker(entries);
        }
        if (clients == null || !Files.isRegularFile(Path.of(clients))) {
            return String.join(File.pathSeparator, entries);
        }
        String brokerClients = clients;
        return entries.stream()
                .map(entry -> KAFKA_JAR.matcher(entry).find() ? brokerClients : entry)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code .../kafka_2.13/V/kafka_2.13-V.jar} in a Maven repository: {@code .../kafka-clients/V/kafka-clients-V.jar}. */
    private static String clientsBesideBroker(List<String> entries) {
        for (String entry : entries) {
            Matcher m = BROKER_JAR.matcher(entry);
            if (m.find()) {
                String version = m.group(1);
                Path clients = Path.of(entry)
                        .getParent()
                        .getParent()
                        .resolveSibling("kafka-clients")
                        .resolve(version)
                        .resolve("kafka-clients-" + version + ".jar");
                return Files.isRegularFile(clients) ? clients.toString() : null;
            }
        }
        return null;
    }

    private static void run(Path dir, Path log, String classPath, List<String> args) throws IOException {
        Process process = java(dir, log, classPath, args);
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(args.get(0) + " " + args.get(1) + " failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    private static Process java(Path dir, Path log, String classPath, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dlog4j2.configurationFile=" + log4j(dir));
        command.add("-cp");
        command.add(classPath);
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
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
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

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 10 s) and deletes its files. */
    @Override
    public void close() {
        stop(process);
        delete(dir);
    }
}
