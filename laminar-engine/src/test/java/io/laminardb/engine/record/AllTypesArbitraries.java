package io.laminardb.engine.record;

import io.laminardb.engine.record.fixtures.Address;
import io.laminardb.engine.record.fixtures.AllTypes;
import io.laminardb.engine.record.fixtures.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Generators of {@link AllTypes} values that cover each column's whole range at the column's precision, nulls
 * included wherever the column is nullable. Values finer than a column's unit are not generated here; truncation has
 * tests of its own.
 */
final class AllTypesArbitraries {

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range SQL timestamps cover. */
    static final long MIN_SECOND = -62_135_596_800L;

    static final long MAX_SECOND = 253_402_300_799L;
    private static final double NULLS = 0.15;

    private AllTypesArbitraries() {}

    static Arbitrary<AllTypes> allTypes() {
        RecordType<AllTypes> type = RecordTypes.of(AllTypes.class);
        List<Arbitrary<Object>> columns = List.of(
                Arbitraries.of(true, false).asGeneric(),
                Arbitraries.bytes().asGeneric(),
                Arbitraries.shorts().asGeneric(),
                Arbitraries.integers().asGeneric(),
                Arbitraries.longs().asGeneric(),
                Arbitraries.floats().asGeneric(),
                Arbitraries.doubles().asGeneric(),
                Arbitraries.of(true, false).injectNull(NULLS).asGeneric(),
                Arbitraries.bytes().injectNull(NULLS).asGeneric(),
                Arbitraries.shorts().injectNull(NULLS).asGeneric(),
                Arbitraries.integers().injectNull(NULLS).asGeneric(),
                Arbitraries.longs().injectNull(NULLS).asGeneric(),
                Arbitraries.floats().injectNull(NULLS).asGeneric(),
                Arbitraries.doubles().injectNull(NULLS).asGeneric(),
                text().injectNull(NULLS).asGeneric(),
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(16)
                        .injectNull(NULLS)
                        .asGeneric(),
                decimal(20, 4).injectNull(NULLS).asGeneric(),
                decimal(38, 18).injectNull(NULLS).asGeneric(),
                epochMillis().map(Instant::ofEpochMilli).injectNull(NULLS).asGeneric(),
                Combinators.combine(seconds(), micros())
                        .as((s, us) -> Instant.ofEpochSecond(s, us * 1_000L))
                        .injectNull(NULLS)
                        .asGeneric(),
                Combinators.combine(seconds(), millis())
                        .as((s, ms) -> LocalDateTime.ofEpochSecond(s, (int) (ms * 1_000_000), ZoneOffset.UTC))
                        .injectNull(NULLS)
                        .asGeneric(),
                Combinators.combine(seconds(), micros())
                        .as((s, us) -> LocalDateTime.ofEpochSecond(s, (int) (us * 1_000), ZoneOffset.UTC))
                        .injectNull(NULLS)
                        .asGeneric(),
                epochMillis()
                        .map(ms -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC))
                        .injectNull(NULLS)
                        .asGeneric(),
                Arbitraries.longs()
                        .between(
                                LocalDate.of(1, 1, 1).toEpochDay(),
                                LocalDate.of(9999, 12, 31).toEpochDay())
                        .map(LocalDate::ofEpochDay)
                        .injectNull(NULLS)
                        .asGeneric(),
                Arbitraries.longs()
                        .between(0, 86_399_999L)
                        .map(ms -> LocalTime.ofNanoOfDay(ms * 1_000_000L))
                        .injectNull(NULLS)
                        .asGeneric(),
                Arbitraries.longs()
                        .between(0, 86_399_999_999L)
                        .map(us -> LocalTime.ofNanoOfDay(us * 1_000L))
                        .injectNull(NULLS)
                        .asGeneric(),
                Arbitraries.of(Side.class).injectNull(NULLS).asGeneric(),
                address().injectNull(NULLS).asGeneric(),
                text().injectNull(NULLS).list().ofMaxSize(5).injectNull(NULLS).asGeneric(),
                address()
                        .injectNull(NULLS)
                        .list()
                        .ofMaxSize(3)
                        .injectNull(NULLS)
                        .asGeneric(),
                Arbitraries.integers()
                        .injectNull(NULLS)
                        .list()
                        .ofMaxSize(3)
                        .injectNull(NULLS)
                        .list()
                        .ofMaxSize(3)
                        .injectNull(NULLS)
                        .asGeneric());
        return Combinators.combine(columns).as(values -> type.create(values.toArray()));
    }

    static Arbitrary<Address> address() {
        return Combinators.combine(text().injectNull(NULLS), Arbitraries.integers(), text().injectNull(NULLS))
                .as(Address::new);
    }

    /** Text of any code point outside the surrogate range (lone surrogates are not valid UTF-8). */
    static StringArbitrary text() {
        return Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(12);
    }

    private static Arbitrary<BigDecimal> decimal(int precision, int scale) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return Arbitraries.bigIntegers().between(max.negate(), max).map(unscaled -> new BigDecimal(unscaled, scale));
    }

    private static Arbitrary<Long> seconds() {
        return Arbitraries.longs().between(MIN_SECOND, MAX_SECOND);
    }

    private static Arbitrary<Long> epochMillis() {
        return Arbitraries.longs().between(MIN_SECOND * 1000, MAX_SECOND * 1000 + 999);
    }

    private static Arbitrary<Long> millis() {
        return Arbitraries.longs().between(0, 999);
    }

    private static Arbitrary<Long> micros() {
        return Arbitraries.longs().between(0, 999_999);
    }
}
