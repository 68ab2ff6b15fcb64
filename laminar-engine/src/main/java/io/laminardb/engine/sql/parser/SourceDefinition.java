package io.laminardb.engine.sql.parser;

import io.laminardb.engine.SqlValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * A parsed {@code CREATE SOURCE} as plain data for the engine: columns, watermark, options, URI. Built by {@link
 * #of(SqlCreateSource)}, which also checks what the grammar cannot: every column and option key once, a watermark on
 * a declared column. Names are compared without regard to case, as identifiers are.
 *
 * @param name the source name as written; dotted when qualified
 * @param columns the columns in declaration order
 * @param watermark the watermark, null when the source declares none
 * @param options the {@code WITH} options, keys in lower case, in declaration order
 * @param uri the {@code FROM 'uri'} text, null when absent
 */
public record SourceDefinition(
        String name,
        List<ColumnDefinition> columns,
        WatermarkDefinition watermark,
        Map<String, String> options,
        String uri,
        boolean ifNotExists,
        boolean orReplace) {

    /** Precision or scale when the type does not state one, as Calcite's {@code PRECISION_NOT_SPECIFIED}. */
    public static final int NOT_SPECIFIED = -1;

    public SourceDefinition {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * One column.
     *
     * @param type the type as parsed, for the planner
     * @param typeName the type's name in upper case: {@code VARCHAR}, {@code TIMESTAMP}, {@code DECIMAL}, {@code
     *     ARRAY}, or a name Calcite does not know such as {@code BYTES}
     * @param precision the precision, {@link #NOT_SPECIFIED} when absent
     * @param scale the scale, {@link #NOT_SPECIFIED} when absent
     */
    public record ColumnDefinition(
            String name, SqlDataTypeSpec type, String typeName, int precision, int scale, boolean nullable) {

        public ColumnDefinition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(typeName, "typeName");
        }
    }

    /**
     * The watermark declaration.
     *
     * @param column the column as declared (its spelling in the column list)
     * @param expression the expression as parsed
     * @param delayMillis the bound on lateness when the expression is {@code column - INTERVAL 'n' unit} (0 when it is
     *     the bare column), null when it is any other expression
     */
    public record WatermarkDefinition(String column, SqlNode expression, Long delayMillis) {

        public WatermarkDefinition {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** The column with this name, compared without regard to case, or null. */
    public ColumnDefinition column(String columnName) {
        for (ColumnDefinition column : columns) {
            if (column.name().equalsIgnoreCase(columnName)) {
                return column;
            }
        }
        return null;
    }

    /**
     * Reads a parsed statement.
     *
     * @throws SqlValidationException for a duplicate column or option key, or a watermark on an undeclared column
     */
    public static SourceDefinition of(SqlCreateSource statement) {
        String name = String.join(".", statement.name().names);
        List<ColumnDefinition> columns = columns(statement.columns(), "source '" + statement.name() + "'");
        WatermarkDefinition watermark = watermark(statement, columns);
        Map<String, String> options = options(name, statement);
        String uri = statement.uri() == null ? null : statement.uri().getValueAs(String.class);
        return new SourceDefinition(
                name, columns, watermark, options, uri, statement.ifNotExists, statement.getReplace());
    }

    /**
     * Reads column declarations ({@code SqlColumnDeclaration}s).
     *
     * @param owner what declares them, for messages, such as {@code source 'trades'}
     * @throws SqlValidationException for a column declared twice
     */
    public static List<ColumnDefinition> columns(Iterable<SqlNode> declarations, String owner) {
        List<ColumnDefinition> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SqlNode node : declarations) {
            SqlColumnDeclaration declaration = (SqlColumnDeclaration) node;
            String columnName = declaration.name.getSimple();
            if (!seen.add(columnName.toLowerCase(Locale.ROOT))) {
                throw new SqlValidationException("Column '" + columnName + "' is declared twice in " + owner
                        + at(declaration.name.getParserPosition()));
            }
            SqlDataTypeSpec type = declaration.dataType;
            int precision = NOT_SPECIFIED;
            int scale = NOT_SPECIFIED;
            if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
                precision = basic.getPrecision() < 0 ? NOT_SPECIFIED : basic.getPrecision();
                scale = basic.getScale() == RelDataType.SCALE_NOT_SPECIFIED ? NOT_SPECIFIED : basic.getScale();
            }
            String typeName = type.getTypeNameSpec().getTypeName().getSimple().toUpperCase(Locale.ROOT);
            boolean nullable = !Boolean.FALSE.equals(type.getNullable());
            columns.add(new ColumnDefinition(columnName, type, typeName, precision, scale, nullable));
        }
        return columns;
    }

    private static WatermarkDefinition watermark(SqlCreateSource statement, List<ColumnDefinition> columns) {
        SqlWatermark watermark = statement.watermark();
        if (watermark == null) {
            return null;
        }
        String columnName = watermark.column().getSimple();
        ColumnDefinition declared = columns.stream()
                .filter(c -> c.name().equalsIgnoreCase(columnName))
                .findFirst()
                .orElseThrow(() -> new SqlValidationException("Watermark column '" + columnName
                        + "' is not a column of source '" + statement.name() + "'"
                        + at(watermark.column().getParserPosition()) + "; declare it in the column list"));
        return new WatermarkDefinition(
                declared.name(), watermark.expression(), delayMillis(declared.name(), watermark.expression()));
    }

    /** The delay of {@code column - INTERVAL 'n' unit}, 0 for {@code column}, null for anything else. */
    private static Long delayMillis(String column, SqlNode expression) {
        if (expression instanceof SqlIdentifier id
                && id.isSimple()
                && id.getSimple().equalsIgnoreCase(column)) {
            return 0L;
        }
        if (expression.getKind() != SqlKind.MINUS || !(expression instanceof SqlBasicCall call)) {
            return null;
        }
        if (!(call.operand(0) instanceof SqlIdentifier id
                && id.isSimple()
                && id.getSimple().equalsIgnoreCase(column)
                && call.operand(1) instanceof SqlIntervalLiteral interval)) {
            return null;
        }
        SqlIntervalLiteral.IntervalValue value = interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        if (value.getIntervalQualifier().isYearMonth()) {
            throw new SqlValidationException("Watermark delay " + interval + at(interval.getParserPosition())
                    + " is in months or years; give it in days, hours, minutes, seconds or milliseconds");
        }
        return SqlParserUtil.intervalToMillis(value);
    }

    private static Map<String, String> options(String source, SqlCreateSource statement) {
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlNode node : statement.options()) {
            SqlOption option = (SqlOption) node;
            if (options.putIfAbsent(option.key(), option.value()) != null) {
                throw new SqlValidationException("Option '" + option.key() + "' is given twice for source '" + source
                        + "'" + at(option.getParserPosition()));
            }
        }
        return options;
    }

    private static String at(SqlParserPos pos) {
        return pos.getLineNum() > 0 ? " at line " + pos.getLineNum() + ", column " + pos.getColumnNum() : "";
    }
}
