package io.laminardb.connector.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, from the Debian packages (installed with apt-get when missing and this
 * process may), in a private data directory on a free port: {@code initdb}, then {@code pg_ctl start}. Run as the
 * {@code postgres} user when the tests run as root (PostgreSQL refuses root). One server per test JVM, stopped when it
 * exits.
 */
final class PostgresServer {

    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean root;

    private PostgresServer(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.root = "root".equals(System.getProperty("user.name"));
        this.dir = Files.createTempDirectory("laminar-postgres");
        this.data = dir.resolve("data");
        this.port = freePort();
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        run(command("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"), true);
        Files.writeString(
                data.resolve("postgresql.conf"),
                "\nlisten_addresses = '127.0.0.1'\nport = " + port + "\nunix_socket_directories = '" + dir
                        + "'\nfsync = off\nfull_page_writes = off\n",
                java.nio.file.StandardOpenOption.APPEND);
        start();
    }

    /** The server of this test JVM, started on first use. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = new PostgresServer(binaries());
            } catch (IOException e) {
                throw new IllegalStateException("Could not start PostgreSQL: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        }
        return shared;
    }

    /** The JDBC URL of the {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Runs statements as the superuser, in one session. */
    void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
        }
    }

    /** Starts the server (again) on the same port and data. */
    void start() {
        try {
            run(
                    command(
                            "pg_ctl",
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("log").toString(),
                            "-w",
                            "start"),
                    true);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pg_ctl start failed: " + e.getMessage(), e);
        }
    }

    /** Stops the server at once, dropping every connection, as a crash or a network failure would look. */
    void stop() {
        try {
            run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pg_ctl stop failed: " + e.getMessage(), e);
        }
    }

    private void destroy() {
        try {
            run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), false);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException | InterruptedException ignored) {
            // best effort at JVM exit
        }
    }

    /** {@code tool args...}, as the postgres user when this process is root. */
    private List<String> command(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command, boolean check) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s: " + output);
        }
        if (check && process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
        }
    }

    /** The directory of PostgreSQL's server programs, installing the Debian package when they are missing. */
    private static Path binaries() throws IOException, InterruptedException {
        Path found = findBinaries();
        if (found != null) {
            return found;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            List<String> install = List.of("apt-get", "install", "-y", "-q", "postgresql");
            ProcessBuilder builder = new ProcessBuilder(install).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                run(List.of("apt-get", "update", "-q"), true);
                Process again = builder.start();
                String output = new String(again.getInputStream().readAllBytes());
                if (again.waitFor() != 0) {
                    throw new IOException("apt-get install postgresql failed: " + output);
                }
            }
            found = findBinaries();
        }
        if (found == null) {
            throw new IOException("PostgreSQL's server programs (initdb, pg_ctl) were not found under"
                    + " /usr/lib/postgresql; install them with: apt-get install -y postgresql");
        }
        return found;
    }

    private static Path findBinaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
