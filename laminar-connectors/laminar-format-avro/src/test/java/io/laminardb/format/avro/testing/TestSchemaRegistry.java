package io.laminardb.format.avro.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small schema registry speaking the subset of the Confluent REST API the Avro format uses: register under a subject
 * (the same schema text gets the same id), get by id, latest of a subject; errors as Confluent's JSON bodies. A real
 * HTTP server on 127.0.0.1, for tests (no registry server can be installed here).
 */
public final class TestSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, String> schemas = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();

    private TestSchemaRegistry(HttpServer server) {
        this.server = server;
    }

    public static TestSchemaRegistry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestSchemaRegistry registry = new TestSchemaRegistry(server);
            server.createContext("/", registry::handle);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path.substring(1).split("/");
            if (exchange.getRequestMethod().equals("POST")
                    && parts.length == 3
                    && parts[0].equals("subjects")
                    && parts[2].equals("versions")) {
                String subject = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                String schema = body.path("schema").asText();
                int id = schemas.entrySet().stream()
                        .filter(e -> e.getValue().equals(schema))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseGet(() -> {
                            int next = schemas.size() + 1;
                            schemas.put(next, schema);
                            return next;
                        });
                List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
                if (!versions.contains(id)) {
                    versions.add(id);
                }
                reply(exchange, 200, Map.of("id", id));
            } else if (exchange.getRequestMethod().equals("GET")
                    && parts.length == 3
                    && parts[0].equals("schemas")
                    && parts[1].equals("ids")) {
                String schema = schemas.get(Integer.parseInt(parts[2]));
                if (schema == null) {
                    reply(exchange, 404, Map.of("error_code", 40403, "message", "Schema " + parts[2] + " not found"));
                } else {
                    reply(exchange, 200, Map.of("schema", schema));
                }
            } else if (exchange.getRequestMethod().equals("GET")
                    && parts.length == 4
                    && parts[0].equals("subjects")
                    && parts[3].equals("latest")) {
                List<Integer> versions = subjects.get(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                if (versions == null) {
                    reply(exchange, 404, Map.of("error_code", 40401, "message", "Subject not found"));
                } else {
                    int id = versions.get(versions.size() - 1);
                    reply(exchange, 200, Map.of("id", id, "version", versions.size(), "schema", schemas.get(id)));
                }
            } else {
                reply(exchange, 404, Map.of("error_code", 404, "message", "no route " + path));
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, Map.of("error_code", 50001, "message", e.toString()));
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
