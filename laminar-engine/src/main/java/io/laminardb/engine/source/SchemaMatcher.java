package io.laminardb.engine.source;

import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.value.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Matches a record's columns to a source's, by name (ignoring case) and type, and explains every difference.
 *
 * <p>A value may flow from a {@code NOT NULL} column into a nullable one, never the other way round: a record feeding
 * a source may have a primitive where the source is nullable, and a record reading a source may have a nullable field
 * where the source is {@code NOT NULL}.
 */
public final class SchemaMatcher {

    private SchemaMatcher() {}

    /**
     * For a record type that feeds a source: the record must have exactly the source's columns.
     *
     * @return for each source column, the index of the record column holding it
     * @throws SchemaMismatchException naming every differing column and both types
     */
    public static int[] feeding(Schema record, String recordName, Schema source, String sourceName) {
        List<String> differences = new ArrayList<>();
        int[] map = map(source, record, recordName, sourceName, differences, true);
        for (Field field : record.getFields()) {
            if (indexOf(source, field.getName()) < 0) {
                differences.add("field '" + field.getName() + "' of " + recordName + " (" + describe(field)
                        + ") has no column in source '" + sourceName + "'");
            }
        }
        check(recordName + " and source '" + sourceName + "'", differences);
        return map;
    }

    /**
     * For a record type that reads a source or stream: every record column must be in the source; other source
     * columns are left out.
     *
     * @return for each record column, the index of the source column it reads
     */
    public static int[] reading(Schema source, String sourceName, Schema record, String recordName) {
        List<String> differences = new ArrayList<>();
        int[] map = new int[record.getFields().size()];
        for (int i = 0; i < map.length; i++) {
            Field wanted = record.getFields().get(i);
            int at = indexOf(source, wanted.getName());
            map[i] = at;
            if (at < 0) {
                differences.add("field '" + wanted.getName() + "' of " + recordName + " has no column in '" + sourceName
                        + "' (columns: " + names(source) + ")");
                continue;
            }
            Field have = source.getFields().get(at);
            compare(have, "'" + sourceName + "'", wanted, recordName, differences);
        }
        check(recordName + " and '" + sourceName + "'", differences);
        return map;
    }

    /**
     * For an Arrow batch pushed into a source: the same columns in the same order.
     *
     * @throws SchemaMismatchException naming every differing column
     */
    public static void sameColumns(Schema batch, Schema source, String sourceName) {
        if (matchesColumns(batch, source)) {
            return; // the common case, checked without allocating
        }
        List<String> differences = new ArrayList<>();
        List<Field> have = batch.getFields();
        List<Field> want = source.getFields();
        for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
            if (i >= have.size()) {
                differences.add("column " + i + " '" + want.get(i).getName() + "' is missing from the batch");
            } else if (i >= want.size()) {
                differences.add("column " + i + " '" + have.get(i).getName() + "' of the batch is not in the source");
            } else if (!have.get(i).getName().equalsIgnoreCase(want.get(i).getName())) {
                differences.add("column " + i + " is '" + want.get(i).getName() + "' in the source but '"
                        + have.get(i).getName() + "' in the batch");
            } else {
                compare(have.get(i), "the batch", want.get(i), "source '" + sourceName + "'", differences);
            }
        }
        check("The Arrow batch and source '" + sourceName + "'", differences);
    }

    private static boolean matchesColumns(Schema batch, Schema source) {
        List<Field> have = batch.getFields();
        List<Field> want = source.getFields();
        if (have.size() != want.size()) {
            return false;
        }
        for (int i = 0; i < have.size(); i++) {
            Field from = have.get(i);
            Field to = want.get(i);
            if (!from.getName().equalsIgnoreCase(to.getName())
                    || !SqlTypes.sameType(from, to)
                    || (from.isNullable() && !to.isNullable())) {
                return false;
            }
        }
        return true;
    }

    private static int[] map(
            Schema source, Schema record, String recordName, String sourceName, List<String> out, boolean feeding) {
        int[] map = new int[source.getFields().size()];
        for (int i = 0; i < map.length; i++) {
            Field column = source.getFields().get(i);
            int at = indexOf(record, column.getName());
            map[i] = at;
            if (at < 0) {
                out.add("column '" + column.getName() + "' of source '" + sourceName + "' (" + describe(column)
                        + ") has no field in " + recordName);
            } else if (feeding) {
                compare(record.getFields().get(at), recordName, column, "source '" + sourceName + "'", out);
            }
        }
        return map;
    }

    /** Compares a column flowing from {@code from} into {@code to}. */
    private static void compare(Field from, String fromName, Field to, String toName, List<String> out) {
        if (!SqlTypes.sameType(from, to)) {
            out.add("column '" + to.getName() + "': " + toName + " has " + describe(to) + ", " + fromName + " has "
                    + describe(from));
        } else if (from.isNullable() && !to.isNullable()) {
            out.add("column '" + to.getName() + "': " + toName + " has " + describe(to) + ", " + fromName + " has "
                    + describe(from) + " (a nullable value cannot flow into a NOT NULL column)");
        }
    }

    static int indexOf(Schema schema, String name) {
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(Field field) {
        return SqlTypes.sqlName(field) + (field.isNullable() ? "" : " NOT NULL");
    }

    private static String names(Schema schema) {
        return String.join(", ", schema.getFields().stream().map(Field::getName).toList());
    }

    private static void check(String what, List<String> differences) {
        if (!differences.isEmpty()) {
            throw new SchemaMismatchException(what, differences);
        }
    }
}
