package io.laminardb.engine.connector.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written ISO-8601 reading and writing agree with java.time's formatters. */
class TimeValuesProperties {

    @Property(tries = 1000)
    void handWrittenReadingAgreesWithTheFormatter(@ForAll("dateTimes") String text) {
        assertThat(TimeValues.parse(text)).as(text).isEqualTo(TimeValues.parseWithFormatter(text));
    }

    @Property(tries = 1000)
    void writingIsInstantToStringAndReadsBack(@ForAll("instants") Instant instant) {
        String text = TimeValues.format(instant);
        assertThat(text).isEqualTo(instant.toString());
        assertThat(TimeValues.parse(text)).isEqualTo(instant);
    }

    @Property(tries = 300)
    void datesAndTimesReadAsJavaTimeParsesThem(@ForAll("instants") Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        LocalTime time = LocalTime.ofInstant(instant, ZoneOffset.UTC);
        assertThat(TimeValues.date(date.toString())).isEqualTo(date);
        assertThat(TimeValues.time(time.toString())).isEqualTo(time);
    }

    @Example
    void impossibleDatesAndTimesAreRefused() {
        for (String text : new String[] {
            "2026-02-30T10:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T10:60Z",
            "2026-11-22T10:00:00+19:00",
            "2026-11-22X10:00:00Z",
            "2026-1-22T10:00:00Z",
            "2026-11-22T10:00:00.1234567891Z"
        }) {
            assertThatThrownBy(() -> TimeValues.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        return Combinators.combine(
                        Arbitraries.longs().between(first, last),
                        Arbitraries.oneOf(
                                Arbitraries.just(0),
                                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                                Arbitraries.integers().between(0, 999_999_999)))
                .as(Instant::ofEpochSecond);
    }

    /** Date-times in the shapes producers write: T or space, 0 to 9 fraction digits, no offset, Z or an offset. */
    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> offsets = Arbitraries.oneOf(
                Arbitraries.of("", "Z", "z", "+00:00", "-00:00"),
                Combinators.combine(
                                Arbitraries.of("+", "-"),
                                Arbitraries.integers().between(0, 18),
                                Arbitraries.integers().between(0, 59),
                                Arbitraries.of("%s%02d:%02d", "%s%02d%02d", "%s%02d"))
                        .as((sign, hours, minutes, pattern) ->
                                hours == 18 && minutes > 0 ? "Z" : String.format(pattern, sign, hours, minutes)));
        return Combinators.combine(
                        instants(),
                        Arbitraries.of("T", " ", "t"),
                        Arbitraries.integers().between(-1, 9),
                        offsets)
                .as((instant, separator, places, offset) -> {
                    String local = DateTimeFormatter.ofPattern("uuuu-MM-dd'" + separator + "'HH:mm")
                            .format(instant.atOffset(ZoneOffset.UTC));
                    if (places >= 0) {
                        local += String.format(
                                ":%02d", instant.atOffset(ZoneOffset.UTC).getSecond());
                        if (places > 0) {
                            local += "."
                                    + String.format("%09d", instant.getNano()).substring(0, places);
                        }
                    }
                    return local + offset;
                });
    }
}
