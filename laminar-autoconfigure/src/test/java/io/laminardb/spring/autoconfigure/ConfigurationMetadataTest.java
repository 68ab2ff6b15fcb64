package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration metadata an IDE reads: every key has a description, and the defaults are there. */
class ConfigurationMetadataTest {

    @Test
    void everyLaminarPropertyHasADescription() throws Exception {
        List<Map<String, Object>> properties = properties();

        assertThat(properties).isNotEmpty();
        assertThat(properties)
                .allSatisfy(p -> assertThat((String) p.get("description"))
                        .as("description of %s", p.get("name"))
                        .isNotBlank());
    }

    @Test
    void defaultsAreShown() throws Exception {
        Map<String, Object> defaults = new java.util.HashMap<>();
        for (Map<String, Object> p : properties()) {
            defaults.put((String) p.get("name"), p.get("defaultValue"));
        }
        assertThat(defaults)
                .containsEntry("laminar.source-defaults.buffer-size", 65536)
                .containsEntry("laminar.source-defaults.backpressure", "block")
                .containsEntry("laminar.sink-defaults.error-policy", "log")
                .containsEntry("laminar.shutdown-timeout", "30s")
                .containsEntry("laminar.wal.mode", "async")
                .containsEntry("laminar.wal.flush-interval", "10ms")
                .containsEntry("laminar.wal.segment-size", "64MB")
                .containsEntry("laminar.checkpoint.interval", "10s")
                .containsEntry("laminar.checkpoint.retained", 3)
                .containsEntry("laminar.checkpoint.state-backend", "rocksdb")
                .containsEntry("laminar.checkpoint.on-incompatible", "fail")
                .containsEntry("laminar.schema-locations", List.of("optional:classpath:schema.sql"));
    }

    private static List<Map<String, Object>> properties() throws Exception {
        try (InputStream in =
                ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration metadata").isNotNull();
            return JsonPath.parse(in).read("$.properties[?(@.name =~ /laminar\\..*/)]");
        }
    }
}
