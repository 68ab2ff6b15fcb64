package io.laminardb.format.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client of the Confluent Schema Registry REST API: registers a schema under a subject and fetches schemas by
 * id, with caches (a registered schema's id never changes). Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

    /**
     * @param url the registry's base URL, {@code http://host:8081}
     * @param userInfo {@code user:password} for basic authentication, or null
     */
    public SchemaRegistryClient(String url, String userInfo) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = userInfo == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Registers {@code schema} under {@code subject} (a no-op when it is there already) and returns its id. */
    public int register(String subject, Schema schema) throws IOException {
        String key = subject + "\n" + schema;
        Integer known = idBySubjectAndSchema.get(key);
        if (known != null) {
            return known;
        }
        String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        JsonNode answer = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new IOException("The schema registry at " + url + " answered without an id: " + answer);
        }
        idBySubjectAndSchema.put(key, id);
        byId.put(id, schema);
        return id;
    }

    /** The schema with id {@code id}. */
    public Schema byId(int id) throws IOException {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer = send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        byId.put(id, schema);
        return schema;
    }

    /** The newest schema of {@code subject} and its id. */
    public Map.Entry<Integer, Schema> latest(String subject) throws IOException {
        JsonNode answer = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions/latest"))
                .GET());
        int id = answer.path("id").asInt();
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        byId.putIfAbsent(id, schema);
        return Map.entry(id, schema);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        request.header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE)
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the schema registry at " + built.uri(), e);
        } catch (IOException e) {
            throw new IOException(
                    "The schema registry at " + url + " cannot be reached (" + built.method() + " " + built.uri()
                            + "): " + e,
                    e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("message", response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("The schema registry refused " + built.method() + " " + built.uri() + ": HTTP "
                    + response.statusCode() + ", error_code "
                    + body.path("error_code").asText("?") + ": "
                    + body.path("message").asText(response.body()));
        }
        return body;
    }

    private URI uri(String path) {
        return URI.create(url + path);
    }

    private static String encode(String subject) {
        return java.net.URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String url() {
        return url;
    }
}
