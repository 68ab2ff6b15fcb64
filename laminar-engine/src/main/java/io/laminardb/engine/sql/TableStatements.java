package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.catalog.ConnectorBinding;
import io.laminardb.engine.connector.LookupConnector;
import io.laminardb.engine.connector.LookupSpec;
import io.laminardb.engine.plan.CatalogTable;
import io.laminardb.engine.plan.QueryPlanner;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.sql.parser.SourceDefinition;
import io.laminardb.engine.sql.parser.SqlCreateTable;
import io.laminardb.engine.table.ConnectorLookup;
import io.laminardb.engine.table.TableRuntime;
import io.laminardb.engine.value.SqlTypes;
import io.laminardb.engine.value.SqlValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.DataContext;
import org.apache.calcite.interpreter.Interpreter;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;

/**
 * {@code CREATE TABLE} and {@code DELETE FROM table}. Upserts ({@code INSERT INTO table}) are in {@link
 * InsertStatement}; {@code DROP TABLE} is the runtime's.
 */
final class TableStatements {

    /** The column that numbers a table's rows while a {@code DELETE} condition is evaluated over them. */
    private static final String ROW_NUMBER = "$laminar_row";

    private final DatabaseRuntime runtime;
    private final QueryPlanner planner = new QueryPlanner(QueryPlanner.defaultOperators());

    TableStatements(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    ExecuteResult create(SqlCreateTable statement) {
        String name = String.join(".", statement.name().names);
        Map<String, String> options = ConnectorResolution.options("Table '" + name + "'", statement.options());
        ConnectorResolution.Resolved connector = null;
        if (!options.isEmpty()) {
            if (!options.containsKey("connector")) {
                throw new SqlValidationException("Table '" + name + "': unknown option '"
                        + options.keySet().iterator().next() + "'. A table takes options only with a connector"
                        + " that holds its rows: WITH (connector = 'postgres', ...); without one, fill it with"
                        + " INSERT INTO " + name + " VALUES (...).");
            }
            connector = ConnectorResolution.resolve(
                    runtime.connectors(),
                    runtime.config(),
                    "Table '" + name + "'",
                    options,
                    null,
                    ConnectorResolution.Role.TABLE,
                    Set.of());
        }
        List<SourceDefinition.ColumnDefinition> columns =
                SourceDefinition.columns(statement.columns(), "table '" + name + "'");
        if (statement.primaryKey() == null) {
            String first = columns.isEmpty() ? "id" : columns.get(0).name();
            throw new SqlValidationException("Table '" + name + "' needs a PRIMARY KEY: rows are inserted, replaced"
                    + " and deleted by their key. Add it after the columns, e.g. CREATE TABLE " + name
                    + " (..., PRIMARY"
                    + " KEY (" + first + ")).");
        }
        SqlNodeList keyList = ((SqlKeyConstraint) statement.primaryKey()).operand(1);
        List<Integer> key = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (SqlNode node : keyList) {
            String keyColumn = ((SqlIdentifier) node).getSimple();
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(keyColumn)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new SqlValidationException("Table '" + name + "': the primary key column '" + keyColumn
                        + "' is not declared; columns are "
                        + String.join(
                                ", ",
                                columns.stream()
                                        .map(SourceDefinition.ColumnDefinition::name)
                                        .toList()) + ".");
            }
            if (!seen.add(index)) {
                throw new SqlValidationException(
                        "Table '" + name + "': column '" + keyColumn + "' is named twice in the primary key.");
            }
            key.add(index);
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            SourceDefinition.ColumnDefinition column = columns.get(i);
            ArrowType type;
            try {
                type = SqlTypes.arrowType(column.typeName(), column.precision(), column.scale());
            } catch (SqlValidationException e) {
                throw new SqlValidationException(
                        "Table '" + name + "', column '" + column.name() + "': " + e.getMessage());
            }
            boolean nullable = column.nullable() && !key.contains(i);
            fields.add(new Field(column.name(), new FieldType(nullable, type, null), null));
        }
        Schema schema = new Schema(fields);
        int[] keyIndexes = key.stream().mapToInt(Integer::intValue).toArray();
        String sql = LaminarSqlParser.unparse(statement);
        ConnectorLookup lookup = null;
        if (connector != null) {
            ConnectorBinding binding = connector.binding();
            sql = ConnectorResolution.masked(sql, binding);
            List<String> keyNames =
                    key.stream().map(i -> fields.get(i).getName()).toList();
            LookupConnector reader =
                    binding.factory().createLookup(new LookupSpec(name, schema, keyNames, binding.options()));
            lookup = new ConnectorLookup(name, binding.name(), schema, keyIndexes, binding.options(), reader);
        }
        TableRuntime table = new TableRuntime(name, schema, keyIndexes, sql, lookup);
        try {
            runtime.createTable(table, statement.ifNotExists, statement.getReplace());
        } catch (RuntimeException e) {
            table.closeConnector();
            throw e;
        }
        return ExecuteResult.ddl("CREATE TABLE");
    }

    /** Checks and converts a row for {@code table} in place, as an untyped push into a source is checked. */
    static Object[] checked(TableRuntime table, Object[] values) {
        List<Field> fields = table.schema().getFields();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = SqlValues.coerce(values[i], fields.get(i));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException("The row for table '" + table.name() + "'", problems);
        }
        return values;
    }

    /**
     * {@code DELETE FROM table [WHERE condition]}: the condition is validated and evaluated as the {@code WHERE} of a
     * query over the table's current rows, under the table's lock, so that no change comes between.
     */
    ExecuteResult delete(SqlDelete delete) {
        String name = String.join(".", ((SqlIdentifier) delete.getTargetTable()).names);
        TableRuntime table = runtime.findTable(name).orElse(null);
        if (table == null) {
            EventPublisher publisher = runtime.publisher(name);
            throw new SqlValidationException("DELETE removes rows from a table; '" + publisher.name() + "' is not one"
                    + " (a source or stream keeps no rows to delete).");
        }
        InsertStatement.refuseIfExternal(table, "DELETE FROM");
        if (delete.getAlias() != null) {
            throw new SqlValidationException(
                    "DELETE FROM " + name + ": an alias is not supported; name the columns" + " without one.");
        }
        SqlNode condition = delete.getCondition();
        if (condition == null) {
            return ExecuteResult.dml(table.delete(row -> true));
        }
        SqlSelect select = (SqlSelect) LaminarSqlParser.parseStatement("SELECT 1 FROM t");
        select.setSelectList(SqlNodeList.of(new SqlIdentifier(ROW_NUMBER, condition.getParserPosition())));
        select.setFrom(new SqlIdentifier(table.name(), delete.getTargetTable().getParserPosition()));
        select.setWhere(condition);
        long deleted = table.withRows(rows -> {
            Set<Integer> matching = matching(table, select, rows);
            int[] at = {0};
            // delete() visits the rows in the order withRows listed them, under the same lock.
            return table.delete(row -> matching.contains(at[0]++));
        });
        return ExecuteResult.dml(deleted);
    }

    /** The positions in {@code rows} of the rows {@code select} (of {@link #ROW_NUMBER} over the table) returns. */
    private Set<Integer> matching(TableRuntime table, SqlSelect select, List<Object[]> rows) {
        List<Field> fields = new ArrayList<>(table.schema().getFields());
        fields.add(new Field(ROW_NUMBER, FieldType.notNullable(new ArrowType.Int(32, true)), null));
        Field[] columns = table.schema().getFields().toArray(Field[]::new);
        List<Object[]> numbered = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            Object[] internal = new Object[row.length + 1];
            for (int i = 0; i < row.length; i++) {
                internal[i] = TypeMapping.toInternal(row[i], columns[i]);
            }
            internal[row.length] = r;
            numbered.add(internal);
        }
        RelNode rel;
        try {
            rel = planner.planOneShot(select, List.of(new RowsTable(table.name(), new Schema(fields), numbered)));
        } catch (SqlValidationException e) {
            throw new SqlValidationException("DELETE FROM " + table.name() + ": " + e.getMessage(), e);
        }
        Set<Integer> matching = new HashSet<>();
        try (Interpreter interpreter = new Interpreter(OneShotQuery.context(planner.typeFactory()), rel)) {
            for (Object[] values : interpreter) {
                matching.add((Integer) values[0]);
            }
        }
        return matching;
    }

    /** Rows in query form, scanned by the interpreter. */
    private static final class RowsTable extends CatalogTable implements ScannableTable {

        private final List<Object[]> rows;

        RowsTable(String name, Schema schema, List<Object[]> rows) {
            super(name, schema);
            this.rows = rows;
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return Linq4j.asEnumerable(rows);
        }
    }
}
