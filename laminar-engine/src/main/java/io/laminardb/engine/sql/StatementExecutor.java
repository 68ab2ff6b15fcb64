package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.sql.parser.SqlCreateContinuousQuery;
import io.laminardb.engine.sql.parser.SqlCreateMaterializedView;
import io.laminardb.engine.sql.parser.SqlCreateSink;
import io.laminardb.engine.sql.parser.SqlCreateSource;
import io.laminardb.engine.sql.parser.SqlCreateStream;
import io.laminardb.engine.sql.parser.SqlCreateTable;
import io.laminardb.engine.sql.parser.SqlDropObject;
import io.laminardb.engine.sql.parser.SqlExplainQuery;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.sql.parser.SqlShowObjects;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * Runs parsed statements against a database: the entry point of {@link io.laminardb.engine.LaminarDB#execute}.
 * Each kind of statement is carried out by a class of its own in this package; this one dispatches.
 */
public final class StatementExecutor {

    private final DatabaseRuntime runtime;
    private final SourceStatements sources;
    private final CatalogQueries queries;
    private final InsertStatement inserts;
    private final QueryStatements continuous;
    private final TableStatements tables;
    private final SinkStatements sinks;

    public StatementExecutor(DatabaseRuntime runtime) {
        this.runtime = runtime;
        this.sources = new SourceStatements(runtime);
        this.queries = new CatalogQueries(runtime);
        this.inserts = new InsertStatement(runtime);
        this.continuous = new QueryStatements(runtime);
        this.tables = new TableStatements(runtime);
        this.sinks = new SinkStatements(runtime, continuous);
    }

    /** Runs every statement of {@code sql} in order and returns the result of the last. */
    public ExecuteResult execute(String sql) {
        List<SqlNode> statements = LaminarSqlParser.parseStatements(sql);
        if (statements.isEmpty()) {
            throw new SqlValidationException("There is no statement to run: the text is empty or only comments.");
        }
        if (statements.size() == 1) {
            return executeOne(statements.get(0));
        }
        ExecuteResult result = null;
        for (SqlNode statement : statements) {
            try {
                result = executeOne(statement);
            } catch (io.laminardb.engine.ConnectorException e) {
                throw e.withContext("Statement at line "
                        + statement.getParserPosition().getLineNum() + " (" + opening(statement) + "): ");
            } catch (SqlValidationException e) {
                // In a script (a schema.sql), say which statement failed: the message alone may not.
                throw new SqlValidationException(
                        "Statement at line " + statement.getParserPosition().getLineNum() + " (" + opening(statement)
                                + "): " + e.getMessage(),
                        e);
            }
        }
        return result;
    }

    /** The first words of a statement, to name it in a message. */
    private static String opening(SqlNode statement) {
        String text =
                LaminarSqlParser.unparse(statement).replaceAll("\\s+", " ").trim();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private ExecuteResult executeOne(SqlNode statement) {
        if (statement instanceof SqlCreateSource create) {
            return sources.create(create);
        }
        if (statement instanceof SqlCreateTable create) {
            return tables.create(create);
        }
        if (statement instanceof SqlDelete delete) {
            return tables.delete(delete);
        }
        if (statement instanceof SqlCreateSink create) {
            return sinks.create(create);
        }
        if (statement instanceof SqlCreateContinuousQuery create) {
            return continuous.create(create);
        }
        if (statement instanceof SqlExplainQuery explain) {
            return continuous.explain(explain.statement());
        }
        if (statement instanceof SqlDropObject drop) {
            return drop(drop);
        }
        if (statement instanceof SqlShowObjects show) {
            return queries.show(show.target());
        }
        if (statement instanceof SqlDescribeTable describe) {
            return queries.describe(String.join(".", describe.getTable().names));
        }
        if (statement instanceof SqlInsert insert) {
            return inserts.execute(insert);
        }
        if (statement instanceof SqlSelect || statement instanceof SqlOrderBy) {
            throw new SqlValidationException("A SELECT is a query, not a statement. Run it continuously with CREATE"
                    + " STREAM name AS SELECT ... (or CREATE MATERIALIZED VIEW), or once over a materialized view or table with"
                    + " db.query(\"SELECT ...\").");
        }
        throw new SqlValidationException(statementName(statement) + " is not supported in this release. Supported:"
                + " CREATE SOURCE | TABLE | STREAM | MATERIALIZED VIEW | SINK, DROP, SHOW, DESCRIBE, EXPLAIN, INSERT INTO"
                + " <source or table> VALUES, DELETE FROM <table>, CREATE SINK.");
    }

    private ExecuteResult drop(SqlDropObject drop) {
        String name = String.join(".", drop.name().names);
        if (drop.kind() == SqlObjectKind.SOURCE) {
            runtime.dropSource(name, drop.ifExists(), drop.cascade());
            return ExecuteResult.ddl("DROP SOURCE");
        }
        if (drop.kind() == SqlObjectKind.TABLE) {
            runtime.dropTable(name, drop.ifExists(), drop.cascade());
            return ExecuteResult.ddl("DROP TABLE");
        }
        if (drop.kind() == SqlObjectKind.STREAM || drop.kind() == SqlObjectKind.MATERIALIZED_VIEW) {
            runtime.dropQuery(drop.kind(), name, drop.ifExists(), drop.cascade());
            return ExecuteResult.ddl("DROP " + drop.kind().keyword());
        }
        if (drop.kind() == SqlObjectKind.SINK) {
            runtime.dropSink(name, drop.ifExists());
            return ExecuteResult.ddl("DROP SINK");
        }
        if (!drop.ifExists()) {
            throw new SourceNotFoundException(drop.kind().displayName(), name, List.of());
        }
        return ExecuteResult.ddl("DROP " + drop.kind().keyword());
    }

    private static String statementName(SqlNode statement) {
        if (statement instanceof SqlCreateStream) {
            return "CREATE STREAM";
        } else if (statement instanceof SqlCreateMaterializedView) {
            return "CREATE MATERIALIZED VIEW";
        } else if (statement instanceof SqlCreateTable) {
            return "CREATE TABLE";
        } else if (statement instanceof SqlCreateSink) {
            return "CREATE SINK";
        } else if (statement instanceof SqlExplainQuery) {
            return "EXPLAIN";
        }
        return statement.getKind().sql.replace('_', ' ').toUpperCase(Locale.ROOT);
    }
}
