package io.laminardb.engine.plan;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * What {@code SHOW WATERMARKS} reports of a windowed operator: its window and the windows it holds open.
 *
 * @param window the window, such as {@code tumble(size=60000ms)}
 * @param openWindowEnds the ends of the windows (sessions) open now; read from any thread
 */
public record WindowProbe(String window, Supplier<long[]> openWindowEnds) {

    /** One probe over the partitions of an operator: a window open in two partitions counts once. */
    public static WindowProbe merged(String window, List<Supplier<long[]>> partitions) {
        return new WindowProbe(
                window,
                () -> partitions.stream()
                        .flatMapToLong(p -> LongStream.of(p.get()))
                        .distinct()
                        .sorted()
                        .toArray());
    }

    /** The end of the oldest open window, {@link Long#MIN_VALUE} when none is open. */
    public long oldestOpenWindowEnd() {
        long[] ends = openWindowEnds.get();
        return ends.length == 0 ? Long.MIN_VALUE : Arrays.stream(ends).min().getAsLong();
    }

    public int openWindows() {
        return openWindowEnds.get().length;
    }
}
