package io.laminardb.benchmarks.nexmark;

/**
 * The text of generated events, made once per generator so that making an event picks strings instead of building
 * them: names, e-mail addresses, card numbers, item names and descriptions from pools, channels and their URLs, and
 * {@code extra} padding of each length. Drawn from the generator's seed, so that the same seed gives the same text.
 * Not thread-safe (the padding is made on first use).
 */
final class NexmarkStrings {

    static final int POOL_SIZE = 1024;
    static final int CHANNELS = 10_000;

    private static final String[] FIRST_NAMES = {
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
    };
    private static final String[] LAST_NAMES = {
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
    };
    private static final String[] CITIES = {
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"
    };
    private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    final String[] fullNames;
    final String[] emails = new String[POOL_SIZE];
    final String[] creditCards = new String[POOL_SIZE];
    final String[] itemNames = new String[POOL_SIZE];
    final String[] descriptions = new String[POOL_SIZE];
    final String[] channels = new String[CHANNELS];
    final String[] urls = new String[CHANNELS];
    final String[] hotChannels = HOT_CHANNELS;
    final String[] hotUrls = new String[HOT_CHANNELS.length];

    private final String padding;
    private final String[] extraByLength;

    NexmarkStrings(long seed, int longestExtra) {
        EventRandom random = new EventRandom(seed);
        random.reset(seed, -1);
        fullNames = new String[FIRST_NAMES.length * LAST_NAMES.length];
        for (int i = 0; i < fullNames.length; i++) {
            fullNames[i] = FIRST_NAMES[i / LAST_NAMES.length] + " " + LAST_NAMES[i % LAST_NAMES.length];
        }
        for (int i = 0; i < POOL_SIZE; i++) {
            emails[i] = letters(random, 7) + "@" + letters(random, 5) + ".com";
            creditCards[i] = String.format(
                    "%04d %04d %04d %04d",
                    random.nextInt(10_000), random.nextInt(10_000), random.nextInt(10_000), random.nextInt(10_000));
            itemNames[i] = letters(random, 3 + random.nextInt(18));
            descriptions[i] = letters(random, 3 + random.nextInt(98));
        }
        for (int i = 0; i < CHANNELS; i++) {
            channels[i] = "channel-" + i;
            urls[i] = baseUrl(random) + "&channel_id=" + Integer.reverse(i);
        }
        for (int i = 0; i < HOT_CHANNELS.length; i++) {
            hotUrls[i] = baseUrl(random) + "&channel_id=" + Integer.reverse(i);
        }
        padding = letters(random, longestExtra);
        extraByLength = new String[longestExtra + 1];
    }

    static String city(int i) {
        return CITIES[i];
    }

    static int cities() {
        return CITIES.length;
    }

    static String state(int i) {
        return STATES[i];
    }

    static int states() {
        return STATES.length;
    }

    /**
     * Padding that brings an event of {@code currentSize} bytes to {@code averageSize} on average, within 20% either
     * way, as Beam's {@code nextExtra} does; empty when the event is already as large.
     */
    String extra(EventRandom random, int currentSize, int averageSize) {
        if (currentSize > averageSize) {
            return "";
        }
        int wanted = averageSize - currentSize;
        int delta = Math.round(wanted * 0.2f);
        int length = wanted - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        String extra = extraByLength[length];
        if (extra == null) {
            extra = padding.substring(0, length);
            extraByLength[length] = extra;
        }
        return extra;
    }

    /** The longest padding {@link #extra} may ask for with these average sizes. */
    static int longestExtra(int... averageSizes) {
        int longest = 0;
        for (int size : averageSizes) {
            longest = Math.max(longest, size + Math.round(size * 0.2f));
        }
        return longest;
    }

    private static String baseUrl(EventRandom random) {
        return "https://www.nexmark.com/" + letters(random, 5) + "/" + letters(random, 5) + "/" + letters(random, 5)
                + "/item.htm?query=1";
    }

    private static String letters(EventRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = random.nextInt(13) == 0 ? ' ' : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
