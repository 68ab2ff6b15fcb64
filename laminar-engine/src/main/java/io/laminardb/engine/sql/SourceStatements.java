package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.catalog.SourceOptions;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.sql.parser.SourceDefinition;
import io.laminardb.engine.sql.parser.SqlCreateSource;
import io.laminardb.engine.value.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** {@code CREATE SOURCE}: from the parsed statement to a source in the catalog. */
final class SourceStatements {

    private final DatabaseRuntime runtime;

    SourceStatements(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    ExecuteResult create(SqlCreateSource statement) {
        SourceDefinition definition = SourceDefinition.of(statement);
        String object = "Source '" + definition.name() + "'";
        ConnectorResolution.Resolved connector =
                ConnectorResolution.hasConnector(definition.options(), definition.uri())
                        ? ConnectorResolution.resolve(
                                runtime.connectors(),
                                runtime.config(),
                                object,
                                definition.options(),
                                definition.uri(),
                                ConnectorResolution.Role.SOURCE,
                                SourceOptions.KNOWN)
                        : null;
        Map<String, String> engineOptions = connector == null ? definition.options() : connector.engineOptions();
        List<Field> fields = new ArrayList<>();
        for (SourceDefinition.ColumnDefinition column : definition.columns()) {
            ArrowType type;
            try {
                type = SqlTypes.arrowType(column.typeName(), column.precision(), column.scale());
            } catch (SqlValidationException e) {
                throw new SqlValidationException(
                        "Source '" + definition.name() + "', column '" + column.name() + "': " + e.getMessage());
            }
            fields.add(new Field(column.name(), new FieldType(column.nullable(), type, null), null));
        }
        Schema schema = new Schema(fields);
        int watermarkColumn = -1;
        long delay = 0;
        if (definition.watermark() != null) {
            SourceDefinition.WatermarkDefinition watermark = definition.watermark();
            watermarkColumn = indexOf(fields, watermark.column());
            ArrowType.ArrowTypeID type = fields.get(watermarkColumn).getType().getTypeID();
            if (type != ArrowType.ArrowTypeID.Timestamp && type != ArrowType.ArrowTypeID.Int) {
                throw new SqlValidationException("Source '" + definition.name() + "': the watermark column '"
                        + watermark.column() + "' is " + SqlTypes.sqlName(fields.get(watermarkColumn))
                        + "; it must be a TIMESTAMP or a BIGINT of epoch milliseconds.");
            }
            if (watermark.delayMillis() == null) {
                throw new SqlValidationException("Source '" + definition.name() + "': the watermark expression "
                        + watermark.expression() + " is not supported. Write WATERMARK FOR " + watermark.column()
                        + " AS " + watermark.column() + " - INTERVAL 'n' SECOND (or MILLISECOND, MINUTE, ...), or AS "
                        + watermark.column() + " for no delay.");
            }
            delay = watermark.delayMillis();
        }
        CatalogSource source = new CatalogSource(
                definition.name(),
                schema,
                Row.layout(schema),
                watermarkColumn,
                delay,
                SourceOptions.parse(
                        definition.name(), engineOptions, runtime.config().sourceConfig(definition.name())),
                definition.options(),
                connector == null
                        ? LaminarSqlParser.unparse(statement)
                        : ConnectorResolution.masked(LaminarSqlParser.unparse(statement), connector.binding()),
                idleTimeout(definition),
                connector == null ? null : connector.binding());
        if (connector != null) {
            source.connector().factory().validateSource(source.connectorSpec());
        }
        runtime.createSource(source, definition.ifNotExists(), definition.orReplace());
        return ExecuteResult.ddl("CREATE SOURCE");
    }

    private static long idleTimeout(SourceDefinition definition) {
        try {
            return SourceOptions.idleTimeoutMillis(definition.options());
        } catch (IllegalArgumentException e) {
            throw new SqlValidationException("Source '" + definition.name() + "': " + e.getMessage());
        }
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException("watermark column " + name + " was checked by the parser");
    }
}
