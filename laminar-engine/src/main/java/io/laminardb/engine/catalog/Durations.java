package io.laminardb.engine.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations in options: {@code 500ms}, {@code 5s}, {@code 5 seconds}, {@code 1m}, {@code 2h}, ISO {@code PT5S}. */
public final class Durations {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private Durations() {}

    /**
     * @param option the option's name, for the message
     * @throws IllegalArgumentException saying what is accepted
     */
    public static long parseMillis(String option, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("pt") || text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT)).toMillis();
            } catch (DateTimeParseException e) {
                throw bad(option, value);
            }
        }
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw bad(option, value);
        }
        long amount = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "", "ms", "millisecond", "milliseconds" -> 1;
            case "s", "second", "seconds" -> 1_000;
            case "m", "min", "minute", "minutes" -> 60_000;
            case "h", "hour", "hours" -> 3_600_000;
            case "d", "day", "days" -> 86_400_000;
            default -> throw bad(option, value);
        };
        return Math.multiplyExact(amount, unit);
    }

    private static IllegalArgumentException bad(String option, String value) {
        return new IllegalArgumentException(
                option + " must be a duration such as '500ms', '5s', '1m', '2h' or" + " 'PT5S', not '" + value + "'");
    }
}
