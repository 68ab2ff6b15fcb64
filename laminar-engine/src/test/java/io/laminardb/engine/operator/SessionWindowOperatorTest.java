package io.laminardb.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.ChangeEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionWindowOperatorTest {

    /** Rows {@code (key, time)}; the output is one row {@code key|window_start|window_end} per session. */
    private final List<String> out = new ArrayList<>();

    private final SessionWindowOperator sessions = new SessionWindowOperator(
            WindowSpec.session(1, new int[] {0}, 10),
            null,
            new Groups(new int[] {0, 2, 3}, List.of()),
            EmitMode.ON_WINDOW_CLOSE,
            LateDataPolicy.DROP,
            new LateRows(),
            new Operator() {
                @Override
                public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
                    out.add(op + " " + Arrays.toString(row));
                }

                @Override
                public void onWatermark(long watermark) {}

                @Override
                public void onEnd() {}
            });

    private void row(String key, long time) {
        sessions.onRow(new Object[] {key, time}, ChangeEvent.Op.INSERT, time);
    }

    @Test
    void aRowBridgingTwoSessionsLeavesOneSessionThatFiresOnce() {
        row("a", 0);
        row("a", 10); // a gap after the first row: a second session
        row("a", 5); // within the gap of both

        sessions.onEnd();

        assertThat(out).containsExactly("INSERT [a, 0, 20]");
    }

    @Test
    void rowsBridgingThreeSessionsOneAfterAnotherLeaveOneSession() {
        row("a", 0);
        row("a", 18);
        row("a", 36);
        row("a", 9); // bridges the first two
        row("a", 27); // bridges that one and the third

        sessions.onEnd();

        assertThat(out).containsExactly("INSERT [a, 0, 46]");
    }
}
