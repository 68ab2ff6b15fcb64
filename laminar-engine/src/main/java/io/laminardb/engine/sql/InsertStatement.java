package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.source.UntypedSourceHandle;
import io.laminardb.engine.table.TableRuntime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * {@code INSERT INTO source|table [(columns)] VALUES (...), ...}: pushes literal rows into a source, or upserts them
 * into a table by primary key, checked as untyped pushes are. All rows are checked before any is used.
 */
final class InsertStatement {

    private final DatabaseRuntime runtime;

    InsertStatement(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    ExecuteResult execute(SqlInsert insert) {
        String name = String.join(".", ((SqlIdentifier) insert.getTargetTable()).names);
        Optional<TableRuntime> table = runtime.findTable(name);
        if (table.isPresent()) {
            return upsert(insert, table.get());
        }
        SourceRuntime source = runtime.pushTarget(name);
        UntypedSourceHandle handle = new UntypedSourceHandle(source);
        List<Object[]> rows = rows(insert, name, source.definition().schema().getFields(), handle::checked);
        // One batch: the statement's rows reach the queries together, before any watermark their times move.
        source.pushBatch(List.copyOf(rows));
        return ExecuteResult.dml(rows.size());
    }

    /** Into a table: upserts by primary key; the rows affected are those inserted or changed. */
    private static ExecuteResult upsert(SqlInsert insert, TableRuntime table) {
        refuseIfExternal(table, "INSERT INTO");
        List<Field> fields = table.schema().getFields();
        List<Object[]> rows = rows(insert, table.name(), fields, row -> TableStatements.checked(table, row));
        return ExecuteResult.dml(table.upsert(rows));
    }

    /** Refuses to change a connector-backed table, whose rows live in the external system. */
    static void refuseIfExternal(TableRuntime table, String statement) {
        table.external().ifPresent(lookup -> {
            throw new SqlValidationException(statement + " " + table.name() + ": the table is backed by connector '"
                    + lookup.metrics().connector() + "', which holds its rows; change them there (a lookup join sees"
                    + " the change once the cached row expires, after lookup.cache.ttl).");
        });
    }

    /** The statement's rows, each checked by {@code check}; all are checked before any is used. */
    private static List<Object[]> rows(
            SqlInsert insert, String name, List<Field> fields, UnaryOperator<Object[]> check) {
        int[] target = targetColumns(insert.getTargetColumnList(), fields, name);
        SqlNode values = insert.getSource();
        if (values.getKind() != SqlKind.VALUES) {
            throw new SqlValidationException("INSERT INTO " + name + " takes VALUES (...); INSERT ... SELECT needs"
                    + " continuous queries, which this release does not execute yet.");
        }
        List<Object[]> rows = new ArrayList<>();
        for (SqlNode rowNode : ((SqlCall) values).getOperandList()) {
            List<SqlNode> literals = ((SqlCall) rowNode).getOperandList();
            if (literals.size() != target.length) {
                throw new SqlValidationException("INSERT INTO " + name + ": a row has " + literals.size()
                        + " values but " + target.length + " columns are listed" + at(rowNode));
            }
            Object[] row = new Object[fields.size()];
            for (int i = 0; i < target.length; i++) {
                row[target[i]] = literal(literals.get(i), fields.get(target[i]));
            }
            try {
                rows.add(check.apply(row));
            } catch (SchemaMismatchException e) {
                throw new SqlValidationException("INSERT INTO " + name + at(rowNode) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static int[] targetColumns(SqlNodeList columns, List<Field> fields, String source) {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[fields.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] target = new int[columns.size()];
        for (int i = 0; i < target.length; i++) {
            String column = ((SqlIdentifier) columns.get(i)).getSimple();
            target[i] = -1;
            for (int f = 0; f < fields.size(); f++) {
                if (fields.get(f).getName().equalsIgnoreCase(column)) {
                    target[i] = f;
                }
            }
            if (target[i] < 0) {
                throw new SqlValidationException("INSERT INTO " + source + ": no column '" + column + "'"
                        + at(columns.get(i)) + "; columns are "
                        + String.join(", ", fields.stream().map(Field::getName).toList()));
            }
        }
        return target;
    }

    /** The Java value of a literal, shaped for {@code field} where SQL writes it as a string. */
    static Object literal(SqlNode node, Field field) {
        if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            Object value = literal(call.operand(0), field);
            if (value instanceof Long l) {
                return -l;
            } else if (value instanceof BigDecimal d) {
                return d.negate();
            } else if (value instanceof Double d) {
                return -d;
            }
        }
        if (!(node instanceof SqlLiteral literal)) {
            throw new SqlValidationException("Column '" + field.getName() + "' is given " + node + at(node)
                    + "; INSERT ... VALUES takes literals only.");
        }
        if (literal.getValue() == null) {
            return null;
        }
        if (literal instanceof SqlNumericLiteral number) {
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (!number.isExact()) {
                return value.doubleValue();
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                return value;
            }
        }
        Object value = literal.getValue();
        if (value instanceof TimestampString timestamp) {
            return Instant.ofEpochMilli(timestamp.getMillisSinceEpoch());
        } else if (value instanceof DateString date) {
            return LocalDate.ofEpochDay(date.getDaysSinceEpoch());
        } else if (value instanceof TimeString time) {
            return LocalTime.ofNanoOfDay(time.getMillisOfDay() * 1_000_000L);
        } else if (value instanceof Boolean) {
            return value;
        }
        String text = literal.getValueAs(String.class);
        return fromText(text, field, node);
    }

    /** Strings are accepted for time columns: {@code '2026-11-21T09:30:00Z'}, {@code '2026-11-21 09:30:00'}. */
    private static Object fromText(String text, Field field, SqlNode node) {
        ArrowType.ArrowTypeID type = field.getType().getTypeID();
        try {
            return switch (type) {
                case Timestamp ->
                    text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                            ? java.time.OffsetDateTime.parse(text.replace(' ', 'T'))
                                    .toInstant()
                            : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                case Date -> LocalDate.parse(text);
                case Time -> LocalTime.parse(text);
                default -> text;
            };
        } catch (DateTimeParseException e) {
            throw new SqlValidationException("Column '" + field.getName() + "' is given '" + text + "'" + at(node)
                    + ", which is not a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " (write it as 2026-11-21T09:30:00Z or 2026-11-21 09:30:00).");
        }
    }

    private static String at(SqlNode node) {
        var pos = node.getParserPosition();
        return pos.getLineNum() > 0 ? " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")" : "";
    }
}
