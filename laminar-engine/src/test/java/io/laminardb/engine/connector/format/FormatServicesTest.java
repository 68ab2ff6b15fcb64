package io.laminardb.engine.connector.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.connector.FormatFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FormatServicesTest {

    @Test
    void theEngineFormatsAreFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(FormatFactory.class).stream()
                        .map(p -> p.get().name()))
                .contains("json", "csv", "raw", "debezium");
    }
}
