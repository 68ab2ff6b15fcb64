package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folding a changelog, as {@link QueryRun#changes} renders it, into the rows it leaves. */
final class Changelogs {

    private Changelogs() {}

    /**
     * Applies the changes in order to a multiset of rows: {@code INSERT} and {@code UPDATE_AFTER} add their row, {@code
     * DELETE} and {@code UPDATE_BEFORE} remove theirs, which must be present. Returns the rows left, sorted.
     */
    static List<String> fold(List<String> changes) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String change : changes) {
            int space = change.indexOf(' ');
            String op = change.substring(0, space);
            String row = change.substring(space + 1);
            switch (op) {
                case "INSERT", "UPDATE_AFTER" -> rows.merge(row, 1, Integer::sum);
                case "DELETE", "UPDATE_BEFORE" -> {
                    Integer count = rows.get(row);
                    if (count == null) {
                        fail("%s retracts a row not present; changes: %s", change, changes);
                    }
                    rows.compute(row, (r, c) -> c == 1 ? null : c - 1);
                }
                default -> fail("unknown change " + change);
            }
        }
        List<String> left = new ArrayList<>();
        rows.forEach((row, count) -> {
            for (int i = 0; i < count; i++) {
                left.add(row);
            }
        });
        return left;
    }
}
