package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceMethodTest {

    @Test
    void pollIntervalIsWrittenInTheLargestUnitThatFitsExactly() {
        assertThat(text(Duration.ZERO)).isEqualTo("0ms");
        assertThat(text(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(text(Duration.ofMillis(1_500))).isEqualTo("1500ms");
        assertThat(text(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(text(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(text(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(text(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
    }

    private static String text(Duration interval) {
        return new SourceMethod("feed", new Object(), null, "ticks", null, interval).pollIntervalText();
    }
}
