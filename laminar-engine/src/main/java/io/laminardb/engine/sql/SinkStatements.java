package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.catalog.CatalogSink;
import io.laminardb.engine.connector.SinkSpec;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.sql.parser.SqlCreateSink;
import io.laminardb.engine.sql.parser.SqlCreateStream;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE SINK}: a connector writing the rows of a stream, view or source ({@code FROM input}), or of a query of
 * its own ({@code AS <query>}, run as a stream named {@code <sink>_query}).
 */
final class SinkStatements {

    /** The suffix of the stream that runs a sink's {@code AS <query>}. */
    static final String QUERY_SUFFIX = "_query";

    private final DatabaseRuntime runtime;
    private final QueryStatements queries;

    SinkStatements(DatabaseRuntime runtime, QueryStatements queries) {
        this.runtime = runtime;
        this.queries = queries;
    }

    ExecuteResult create(SqlCreateSink statement) {
        String name = String.join(".", statement.name().names);
        String object = "Sink '" + name + "'";
        Map<String, String> options = ConnectorResolution.options(object, statement.options());
        String uri = statement.uri() == null ? null : statement.uri().getValueAs(String.class);
        if (!ConnectorResolution.hasConnector(options, uri)) {
            throw new SqlValidationException(object + " says nowhere to write: add WITH (connector = '...', ...) or"
                    + " INTO 'scheme://...', e.g. INTO 'kafka://localhost:9092/alerts?format=json'.");
        }
        if (statement.input() == null && statement.query() == null) {
            throw new SqlValidationException(
                    object + " says nothing to write: add FROM <stream, view or source> or" + " AS SELECT ....");
        }
        ConnectorResolution.Resolved resolved = ConnectorResolution.resolve(
                runtime.connectors(), runtime.config(), object, options, uri, ConnectorResolution.Role.SINK, Set.of());
        String sql = ConnectorResolution.masked(LaminarSqlParser.unparse(statement), resolved.binding());
        boolean exists = runtime.connectorSinks().stream()
                .anyMatch(s -> s.definition().name().equalsIgnoreCase(name));
        if (exists && (statement.ifNotExists || !statement.getReplace())) {
            // Kept as it is, or refused with the difference, before anything is planned.
            runtime.createSink(placeholder(name, statement, resolved, sql), statement.ifNotExists, false);
            return ExecuteResult.ddl("CREATE SINK");
        }
        String input;
        String ownQuery = null;
        if (statement.input() != null) {
            input = String.join(".", statement.input().names);
        } else {
            ownQuery = name + QUERY_SUFFIX;
            SqlNode query = statement.query();
            queries.create(new SqlCreateStream(
                    SqlParserPos.ZERO,
                    statement.getReplace(),
                    false,
                    new SqlIdentifier(ownQuery, SqlParserPos.ZERO),
                    query,
                    null,
                    SqlNodeList.EMPTY));
            input = ownQuery;
        }
        EventPublisher publisher = runtime.publisher(input);
        SinkSpec spec = new SinkSpec(
                name,
                publisher.name(),
                publisher.schema(),
                publisher.layout(),
                publisher.isChangelog(),
                runtime.config().isDurable(),
                resolved.binding().options());
        try {
            resolved.binding().factory().validateSink(spec);
            runtime.createSink(
                    new CatalogSink(name, publisher.name(), ownQuery, resolved.binding(), spec, sql),
                    statement.ifNotExists,
                    statement.getReplace());
        } catch (RuntimeException e) {
            if (ownQuery != null) {
                runtime.dropQuery(io.laminardb.engine.sql.parser.SqlObjectKind.STREAM, ownQuery, true, true);
            }
            throw e;
        }
        return ExecuteResult.ddl("CREATE SINK");
    }

    /** A definition only compared with the existing sink of the same name (same statement or not). */
    private static CatalogSink placeholder(
            String name, SqlCreateSink statement, ConnectorResolution.Resolved resolved, String sql) {
        return new CatalogSink(name, "", null, resolved.binding(), null, sql);
    }
}
