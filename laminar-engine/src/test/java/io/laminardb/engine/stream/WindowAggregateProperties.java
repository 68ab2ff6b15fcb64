package io.laminardb.engine.stream;

import static io.laminardb.engine.stream.QueryRun.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.stream.Events.Event;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential properties of windowed aggregates: a random stream is pushed into a source, the source is closed, and
 * everything the query emitted equals the same aggregation computed directly over the whole input
 * ({@link ExpectedAggregates}). Arrival is in event-time order or out of order by at most the watermark delay, so no
 * row is late. Times and sizes are in units of {@link Events#GRID}.
 */
class WindowAggregateProperties {

    private static final String SELECT = "SELECT k, window_start, window_end, " + ExpectedAggregates.SQL + " FROM ";
    private static final String GROUP_BY = " GROUP BY k, window_start, window_end ";

    /** The {@link ExpectedAggregates#SQL} columns up to the first that does not merge ({@code COUNT(DISTINCT n)}). */
    private static final String PANES = "SELECT k, window_start, window_end, "
            + ExpectedAggregates.SQL.substring(0, ExpectedAggregates.SQL.indexOf(", COUNT(DISTINCT")) + " FROM ";

    /** The columns of {@link #PANES}: the three group columns and ten aggregates. */
    private static final int PANE_COLUMNS = 13;

    @Provide
    Arbitrary<List<Event>> events() {
        return Events.inOrder(200);
    }

    /** Streams whose rows may arrive up to 30 s late, far beyond the watermark delays used. */
    @Provide
    Arbitrary<List<Event>> veryDisordered() {
        return Events.inOrder(200, 120);
    }

    @Property(tries = 60)
    void tumbleEmitsTheAggregateOfEveryWindowWhenItCloses(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 1, max = 40) int size,
            @ForAll @IntRange(min = 0, max = 12) int delay,
            @ForAll boolean disordered) {
        String window = "TUMBLE(TABLE ev, DESCRIPTOR(ts), " + millis(size) + ")";
        List<String> expected = ExpectedAggregates.windows(events, size * Events.GRID, size * Events.GRID);

        assertThat(run(window, events, delay, disordered)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Property(tries = 60)
    void hopEmitsTheAggregateOfEveryWindowWhenItCloses(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 1, max = 4) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 12) int delay,
            @ForAll boolean disordered) {
        int size = slide * slidesPerWindow;
        String window = "HOP(TABLE ev, DESCRIPTOR(ts), " + millis(slide) + ", " + millis(size) + ")";
        List<String> expected = ExpectedAggregates.windows(events, size * Events.GRID, slide * Events.GRID);

        assertThat(run(window, events, delay, disordered)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * {@code HOP} windows of functions that merge, grouped right after the window: the windows are aggregated through
     * panes of one slide, and give what the direct computation gives (the first {@link #PANE_COLUMNS} columns of it).
     */
    @Property(tries = 60)
    void hopThroughPanesEmitsTheAggregateOfEveryWindowWhenItCloses(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 2, max = 6) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 12) int delay,
            @ForAll boolean disordered,
            @ForAll boolean finalEmit) {
        int size = slide * slidesPerWindow;
        long delayMillis = delay * Events.GRID;
        List<String> expected = prefixes(ExpectedAggregates.windows(events, size * Events.GRID, slide * Events.GRID));
        try (QueryRun run = new QueryRun(
                source(delayMillis),
                "CREATE STREAM agg AS " + PANES + "TABLE(" + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY
                        + (finalEmit ? "EMIT FINAL" : "EMIT ON WINDOW CLOSE"))) {
            assertThat(run.explain(PANES + "TABLE(" + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY))
                    .contains("panes=" + slide * Events.GRID + "ms");
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(disordered ? Events.arrival(events, delayMillis) : events);

            assertThat(await(rows)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(run.lateRows()).as("late rows").isZero();
        }
    }

    /**
     * Panes and the window-per-row path (forced by a {@code COUNT(DISTINCT)}, which does not merge) give the same
     * rows and count the same late rows, over streams disordered well beyond the watermark delay.
     */
    @Property(tries = 60)
    void panesAndWindowsPerRowAgreeIncludingLateRows(
            @ForAll("veryDisordered") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 2, max = 5) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 4) int delay) {
        long delayMillis = delay * Events.GRID;
        List<Event> arriving = Events.arrival(events, Long.MAX_VALUE);
        String windows = "TABLE(" + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY;
        String from = windows + "EMIT ON WINDOW CLOSE";
        LateRun expected =
                LateRun.simulate(arriving, slide * slidesPerWindow * Events.GRID, slide * Events.GRID, delayMillis);
        List<String> panes;
        long panesLate;
        try (QueryRun run = new QueryRun(source(delayMillis), "CREATE STREAM agg AS " + PANES + from)) {
            assertThat(run.explain(PANES + windows)).contains("panes=");
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(arriving, true, delayMillis);
            panes = await(rows);
            panesLate = run.lateRows();
        }
        List<String> perRow;
        long perRowLate;
        String distinct = PANES.replace(" FROM ", ", COUNT(DISTINCT n) AS dn FROM ");
        try (QueryRun run = new QueryRun(source(delayMillis), "CREATE STREAM agg AS " + distinct + from)) {
            assertThat(run.explain(distinct + windows)).doesNotContain("panes=");
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(arriving, true, delayMillis);
            perRow = prefixes(await(rows));
            perRowLate = run.lateRows();
        }

        assertThat(panes).containsExactlyInAnyOrderElementsOf(perRow);
        assertThat(panes).containsExactlyInAnyOrderElementsOf(prefixes(expected.rows()));
        assertThat(panesLate).as("late rows").isEqualTo(perRowLate).isEqualTo(expected.late());
        Statistics.label("late").collect(expected.late() == 0 ? "none" : "some");
    }

    /** The first {@link #PANE_COLUMNS} columns of each rendered row. */
    private static List<String> prefixes(List<String> rows) {
        return rows.stream()
                .map(row -> String.join("|", Arrays.asList(row.split("\\|", -1)).subList(0, PANE_COLUMNS)))
                .toList();
    }

    @Property(tries = 60)
    void sessionsSplitEachKeysRowsWhereTheGapIsReached(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 1, max = 16) int gap,
            @ForAll @IntRange(min = 0, max = 12) int delay,
            @ForAll boolean disordered) {
        String window = "SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), " + millis(gap) + ")";
        List<String> expected = ExpectedAggregates.sessions(events, gap * Events.GRID);

        assertThat(run(window, events, delay, disordered)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * With a watermark delay smaller than the disorder, a row whose window the watermark had passed when the row
     * arrived is dropped from that window and counted, and only those. The watermark each row meets is made exact with
     * explicit watermarks of the source's own rule (largest event time pushed so far, less the delay).
     */
    @Property(tries = 60)
    void rowsArrivingAfterTheirWindowClosedAreDroppedAndCounted(
            @ForAll("veryDisordered") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 1, max = 3) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 4) int delay) {
        long delayMillis = delay * Events.GRID;
        List<Event> arriving = Events.arrival(events, Long.MAX_VALUE);
        LateRun expected =
                LateRun.simulate(arriving, slide * slidesPerWindow * Events.GRID, slide * Events.GRID, delayMillis);
        try (QueryRun run = new QueryRun(
                source(delayMillis),
                "CREATE STREAM agg AS " + SELECT + "TABLE(" + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY
                        + "EMIT ON WINDOW CLOSE")) {
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(arriving, true, delayMillis);

            assertThat(await(rows)).containsExactlyInAnyOrderElementsOf(expected.rows());
            assertThat(run.lateRows()).as("late rows").isEqualTo(expected.late());
            Statistics.label("late").collect(expected.late() == 0 ? "none" : "some");
        }
    }

    /**
     * As {@link #rowsArrivingAfterTheirWindowClosedAreDroppedAndCounted}, with the source's own watermark only: it
     * advances once per batch the engine takes, so it is at most the simulated one and fewer rows may be late. What is
     * counted and what is dropped still add up, and each window holds at least its rows that cannot be late.
     */
    @Property(tries = 40)
    void lateRowsCountedAndRowsAggregatedAddUpToTheInput(
            @ForAll("veryDisordered") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 1, max = 3) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 4) int delay) {
        long delayMillis = delay * Events.GRID;
        long size = slide * slidesPerWindow * Events.GRID;
        List<Event> arriving = Events.arrival(events, Long.MAX_VALUE);
        LateRun onTime = LateRun.simulate(arriving, size, slide * Events.GRID, delayMillis);
        LateRun all = LateRun.simulate(arriving, size, slide * Events.GRID, Long.MAX_VALUE / 2);
        try (QueryRun run = new QueryRun(
                source(delayMillis),
                "CREATE STREAM agg AS SELECT k, window_start, COUNT(*) AS c FROM TABLE("
                        + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY + "EMIT ON WINDOW CLOSE")) {
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(arriving);
            List<String> out = await(rows);
            long late = run.lateRows();

            long aggregated = 0;
            for (String row : out) {
                String[] columns = row.split("\\|");
                String window = columns[0] + "|" + columns[1];
                long count = Long.parseLong(columns[2]);
                assertThat(count).as(window).isBetween(onTime.count(window), all.count(window));
                aggregated += count;
            }
            assertThat(aggregated + late).isEqualTo(all.pairs());
            assertThat(late).isLessThanOrEqualTo(onTime.late());
            Statistics.label("late").collect(late == 0 ? "none" : late < onTime.late() ? "fewer" : "as simulated");
        }
    }

    /** Folding the changelog of {@code EMIT CHANGES} leaves the rows {@code EMIT ON WINDOW CLOSE} emits. */
    @Property(tries = 60)
    void emitChangesFoldsToTheRowsEmittedOnWindowClose(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 1, max = 12) int slide,
            @ForAll @IntRange(min = 1, max = 3) int slidesPerWindow,
            @ForAll @IntRange(min = 0, max = 12) int delay) {
        long delayMillis = delay * Events.GRID;
        String from = SELECT + "TABLE(" + hopOrTumble(slide, slidesPerWindow) + ")" + GROUP_BY;
        List<String> expected =
                ExpectedAggregates.windows(events, slide * slidesPerWindow * Events.GRID, slide * Events.GRID);
        try (QueryRun run = new QueryRun(
                source(delayMillis),
                "CREATE STREAM closed AS " + from + "EMIT ON WINDOW CLOSE",
                "CREATE STREAM changing AS " + from + "EMIT CHANGES")) {
            CompletableFuture<List<String>> closed = run.rows("closed");
            CompletableFuture<List<String>> changes = run.changes("changing");
            run.push(Events.arrival(events, delayMillis));

            assertThat(await(closed)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(Changelogs.fold(await(changes))).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String hopOrTumble(int slide, int slidesPerWindow) {
        return slidesPerWindow == 1
                ? "TUMBLE(TABLE ev, DESCRIPTOR(ts), " + millis(slide) + ")"
                : "HOP(TABLE ev, DESCRIPTOR(ts), " + millis(slide) + ", " + millis(slide * slidesPerWindow) + ")";
    }

    private static List<String> run(String window, List<Event> events, int delay, boolean disordered) {
        long delayMillis = delay * Events.GRID;
        List<Event> arriving = disordered ? Events.arrival(events, delayMillis) : events;
        try (QueryRun run = new QueryRun(
                source(delayMillis),
                "CREATE STREAM agg AS " + SELECT + "TABLE(" + window + ")" + GROUP_BY + "EMIT ON WINDOW CLOSE")) {
            CompletableFuture<List<String>> rows = run.rows("agg");
            run.push(arriving);
            List<String> out = await(rows);
            assertThat(run.lateRows()).as("late rows").isZero();
            return out;
        }
    }

    static String source(long delayMillis) {
        return "CREATE SOURCE ev (k VARCHAR, d DOUBLE, n BIGINT, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '" + delayMillis + "' MILLISECOND)";
    }

    /** {@code units} of the grid as an interval literal; queries take no {@code MILLISECOND} unit. */
    static String millis(int units) {
        long ms = units * Events.GRID;
        return String.format("INTERVAL '%d.%03d' SECOND", ms / 1000, ms % 1000);
    }
}
