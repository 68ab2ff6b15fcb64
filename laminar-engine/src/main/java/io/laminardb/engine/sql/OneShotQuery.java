package io.laminardb.engine.sql;

import io.laminardb.engine.QueryResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.plan.CatalogTable;
import io.laminardb.engine.plan.MaterializedTable;
import io.laminardb.engine.plan.QueryPlanner;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.stream.StreamRuntime;
import io.laminardb.engine.table.TableRuntime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.Interpreter;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code LaminarDB.query}: a SELECT run once over the current contents of materialized views and tables, planned as continuous
 * queries are and run by Calcite's interpreter (the rows of a view are few next to a stream's, and the query runs
 * once).
 */
public final class OneShotQuery {

    private final DatabaseRuntime runtime;
    private final QueryPlanner planner = new QueryPlanner(QueryPlanner.defaultOperators());

    public OneShotQuery(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    public QueryResult run(String sql) {
        SqlNode query = LaminarSqlParser.parseStatement(sql);
        if (!query.isA(SqlKind.QUERY)) {
            throw new SqlValidationException("db.query runs a SELECT; use db.execute for " + query.getKind() + ".");
        }
        List<CatalogTable> tables = new ArrayList<>();
        for (EventPublisher publisher : runtime.publishers()) {
            tables.add(
                    publisher instanceof StreamRuntime stream && stream.isMaterialized()
                            ? new MaterializedTable(stream)
                            : publisher instanceof TableRuntime table
                                            && table.external().isEmpty()
                                    ? new MaterializedTable(table.name(), table.schema(), table::snapshot)
                                    : new CatalogTable(publisher.name(), publisher.schema()));
        }
        RelNode rel = planner.planOneShot(query, tables);
        rel.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(org.apache.calcite.rel.core.TableScan scan) {
                checkQueryable(scan);
                return scan;
            }
        });
        Schema schema = TypeMapping.schema(rel.getRowType());
        Field[] fields = schema.getFields().toArray(Field[]::new);
        Row.Layout layout = Row.layout(schema);
        List<Row> rows = new ArrayList<>();
        try (Interpreter interpreter = new Interpreter(context(planner.typeFactory()), rel)) {
            for (Object[] values : interpreter) {
                Object[] external = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    external[i] = TypeMapping.toExternal(values[i], fields[i]);
                }
                rows.add(Row.of(layout, external));
            }
        }
        return new QueryResult(schema, rows, runtime.allocator());
    }

    private void checkQueryable(TableScan scan) {
        if (scan.getTable().unwrap(MaterializedTable.class) != null) {
            return;
        }
        List<String> names = scan.getTable().getQualifiedName();
        String name = names.get(names.size() - 1);
        EventPublisher publisher = runtime.publisher(name);
        if (publisher instanceof TableRuntime table) {
            throw new SqlValidationException("Table '" + table.name() + "' is backed by connector '"
                    + table.external().map(l -> l.metrics().connector()).orElse("?")
                    + "', which looks rows up by key for lookup joins; db.query does not read it. Query the"
                    + " external system itself, or join a stream with the table.");
        }
        String kind = publisher instanceof SourceRuntime
                ? "a source"
                : runtime.findQuery(name)
                        .map(ContinuousQuery::kind)
                        .map(k -> "a " + k.displayName())
                        .orElse("a stream");
        throw new SqlValidationException("'" + publisher.name() + "' is " + kind + ", which keeps no rows to query:"
                + " db.query reads materialized views and tables. Keep the rows you need in one, e.g. CREATE MATERIALIZED VIEW "
                + publisher.name() + "_view AS SELECT ... FROM " + publisher.name() + ", or subscribe to "
                + publisher.name() + ".");
    }

    static DataContext context(JavaTypeFactory typeFactory) {
        SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
        return new DataContext() {
            @Override
            public SchemaPlus getRootSchema() {
                return root;
            }

            @Override
            public JavaTypeFactory getTypeFactory() {
                return typeFactory;
            }

            @Override
            public QueryProvider getQueryProvider() {
                return null;
            }

            @Override
            public Object get(String name) {
                if (Variable.CURRENT_TIMESTAMP.camelName.equals(name)
                        || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                        || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
                    return System.currentTimeMillis();
                }
                if (Variable.TIME_ZONE.camelName.equals(name)) {
                    return java.util.TimeZone.getTimeZone("UTC");
                }
                return null;
            }
        };
    }
}
