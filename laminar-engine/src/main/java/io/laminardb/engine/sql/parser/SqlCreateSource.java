package io.laminardb.engine.sql.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] SOURCE [IF NOT EXISTS] name (col TYPE [NOT NULL], ... [, WATERMARK FOR col AS expr])
 * [FROM 'uri'] [WITH (key = value, ...)]}. {@link SourceDefinition#of(SqlCreateSource)} turns it into plain data.
 */
public final class SqlCreateSource extends SqlCreate {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SOURCE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlWatermark watermark;
    private final SqlLiteral uri;
    private final SqlNodeList options;

    /**
     * @param columns {@code SqlColumnDeclaration}s
     * @param watermark null when the source declares none
     * @param uri the {@code FROM 'uri'} string literal, null when absent
     * @param options {@link SqlOption}s, empty when there is no {@code WITH}
     */
    public SqlCreateSource(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlNodeList columns,
            SqlWatermark watermark,
            SqlNode uri,
            SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = Objects.requireNonNull(name, "name");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.watermark = watermark;
        this.uri = (SqlLiteral) uri;
        this.options = Objects.requireNonNull(options, "options");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The column declarations ({@code SqlColumnDeclaration}), in order. */
    public SqlNodeList columns() {
        return columns;
    }

    /** The watermark declaration, null when there is none. */
    public SqlWatermark watermark() {
        return watermark;
    }

    /** The {@code FROM 'uri'} literal, null when absent. */
    public SqlLiteral uri() {
        return uri;
    }

    /** The {@code WITH} options ({@link SqlOption}), empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, columns, watermark, uri, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        DdlWriting.createHead(writer, getReplace(), "SOURCE", ifNotExists, name);
        List<SqlNode> elements = new ArrayList<>(columns.getList());
        if (watermark != null) {
            elements.add(watermark);
        }
        DdlWriting.parenthesizedList(writer, elements);
        if (uri != null) {
            writer.keyword("FROM");
            uri.unparse(writer, 0, 0);
        }
        DdlWriting.options(writer, options);
    }
}
