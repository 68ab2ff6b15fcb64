package io.laminardb.engine.connector.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Dates, times and timestamps in text: ISO-8601, read by hand for the usual shapes (a four-digit year, a {@code T} or a
 * space, {@code Z} or a numeric offset), which is several times faster than {@link DateTimeFormatter} on the path of
 * every record; anything else goes to the formatter, which has the final say. Stateless.
 */
final class TimeValues {

    /**
     * {@code 2026-11-22T10:00:00Z}, {@code 2026-11-22T10:00:00.123456+02:00}, {@code 2026-11-22 10:00:00}: a date, a
     * {@code T} or a space, a time with optional seconds and fraction, then an optional offset ({@code Z}, {@code
     * +02:00}, {@code +0200}, {@code +02}).
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .parseLenient()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final int NOT_A_NUMBER = -1;

    private TimeValues() {}

    /**
     * The instant of an ISO-8601 date-time; one without an offset is taken as UTC.
     *
     * @throws java.time.DateTimeException when {@code text} is not one (a {@link DateTimeParseException}, or a date
     *     that does not exist such as February 30)
     */
    static Instant parse(String text) {
        Instant fast = fastInstant(text);
        return fast != null ? fast : parseWithFormatter(text);
    }

    /** An ISO-8601 date ({@code 2026-11-22}). */
    static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** An ISO-8601 time of day ({@code 10:15}, {@code 10:15:30}, {@code 10:15:30.123456}). */
    static LocalTime time(String text) {
        long nanos = nanoOfDay(text, 0, text.length());
        return nanos >= 0 ? LocalTime.ofNanoOfDay(nanos) : LocalTime.parse(text);
    }

    /**
     * {@code instant} as {@link Instant#toString()} writes it ({@code 2026-11-22T10:00:00.250Z}: seconds always, the
     * fraction in groups of three digits as needed), without going through a formatter for years 0 to 9999.
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (days < FIRST_DAY || days > LAST_DAY) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(days);
        StringBuilder s = new StringBuilder(30);
        pad(s, date.getYear(), 4).append('-');
        pad(s, date.getMonthValue(), 2).append('-');
        pad(s, date.getDayOfMonth(), 2).append('T');
        pad(s, secondOfDay / 3600, 2).append(':');
        pad(s, secondOfDay / 60 % 60, 2).append(':');
        pad(s, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            s.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(s, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(s, nanos / 1_000, 6);
            } else {
                pad(s, nanos, 9);
            }
        }
        return s.append('Z').toString();
    }

    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                s.append('0');
            }
        }
        return s.append(value);
    }

    /** Whether {@code text} is an optional minus and digits only: an epoch number rather than a date-time. */
    static boolean isInteger(String text) {
        int n = text.length();
        int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (start == n) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-dd[T ]HH:mm[:ss[.f...]][Z|±HH[:mm]|±HHmm]}, or null for another shape or an invalid field. */
    private static Instant fastInstant(String text) {
        int n = text.length();
        if (n < 16 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        char separator = text.charAt(10);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        int end = n; // where the time ends and the offset starts
        int offsetSeconds = 0;
        char last = text.charAt(n - 1);
        if (last == 'Z' || last == 'z') {
            end = n - 1;
        } else {
            int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
            if (sign > 10) {
                offsetSeconds = offset(text, sign, n);
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return null;
                }
                end = sign;
            }
        }
        long nanos = nanoOfDay(text, 11, end);
        if (nanos < 0) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        long seconds = days * 86_400 + nanos / 1_000_000_000L - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos % 1_000_000_000L);
    }

    /** {@code ±HH}, {@code ±HH:mm} or {@code ±HHmm} at {@code from}, in seconds; MIN_VALUE when it is not one. */
    private static int offset(String text, int from, int end) {
        int length = end - from - 1;
        int hours = length >= 2 ? digits(text, from + 1, 2) : NOT_A_NUMBER;
        int minutes;
        if (length == 2) {
            minutes = 0;
        } else if (length == 5 && text.charAt(from + 3) == ':') {
            minutes = digits(text, from + 4, 2);
        } else if (length == 4) {
            minutes = digits(text, from + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return text.charAt(from) == '-' ? -seconds : seconds;
    }

    /** {@code HH:mm[:ss[.f...]]} between {@code from} and {@code end}, in nanoseconds; -1 when it is not one. */
    private static long nanoOfDay(String text, int from, int end) {
        int length = end - from;
        if (length < 5 || text.charAt(from + 2) != ':') {
            return -1;
        }
        int hour = digits(text, from, 2);
        int minute = digits(text, from + 3, 2);
        int second = 0;
        long fraction = 0;
        if (length > 5) {
            if (length < 8 || text.charAt(from + 5) != ':') {
                return -1;
            }
            second = digits(text, from + 6, 2);
            if (length > 8) {
                int places = length - 9;
                if (text.charAt(from + 8) != '.' || places < 1 || places > 9) {
                    return -1;
                }
                int value = digits(text, from + 9, places);
                if (value < 0) {
                    return -1;
                }
                fraction = value;
                for (int i = places; i < 9; i++) {
                    fraction *= 10;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        return ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + fraction;
    }

    /** The number written by {@code count} digits at {@code from} (at most 9), or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@link #parse} by {@link DateTimeFormatter} alone: the reference the hand-written reading must agree with. */
    static Instant parseWithFormatter(String text) {
        TemporalAccessor parsed = DATE_TIME.parse(text);
        LocalDateTime local = LocalDateTime.of(
                parsed.get(ChronoField.YEAR),
                parsed.get(ChronoField.MONTH_OF_YEAR),
                parsed.get(ChronoField.DAY_OF_MONTH),
                parsed.get(ChronoField.HOUR_OF_DAY),
                parsed.get(ChronoField.MINUTE_OF_HOUR),
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
        int offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? parsed.get(ChronoField.OFFSET_SECONDS) : 0;
        return local.toInstant(ZoneOffset.ofTotalSeconds(offset));
    }
}
