package io.laminardb.engine.plan;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What {@code SHOW WATERMARKS} reports of a windowed operator: its window and the oldest window it holds open.
 *
 * @param window the window, such as {@code tumble(size=60000ms)}
 * @param oldestOpenWindowEnd the end of the oldest open window, {@link Long#MIN_VALUE} when none
 * @param openWindows how many windows are open
 */
public record WindowProbe(String window, LongSupplier oldestOpenWindowEnd, IntSupplier openWindows) {}
