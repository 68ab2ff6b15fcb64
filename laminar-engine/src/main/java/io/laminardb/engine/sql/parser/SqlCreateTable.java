package io.laminardb.engine.sql.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name (col TYPE [NOT NULL], ... [, PRIMARY KEY (k, ...)]) [WITH
 * (...)]}: a reference table for lookup joins, upserted by {@code INSERT INTO} and trimmed by {@code DELETE}.
 */
public final class SqlCreateTable extends SqlCreate {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlNode primaryKey;
    private final SqlNodeList options;

    /**
     * @param columns {@code SqlColumnDeclaration}s
     * @param primaryKey a {@code SqlKeyConstraint}, null when the table declares no key
     * @param options {@link SqlOption}s, empty when there is no {@code WITH}
     */
    public SqlCreateTable(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlNodeList columns,
            SqlNode primaryKey,
            SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = Objects.requireNonNull(name, "name");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.primaryKey = primaryKey;
        this.options = Objects.requireNonNull(options, "options");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The column declarations ({@code SqlColumnDeclaration}), in order. */
    public SqlNodeList columns() {
        return columns;
    }

    /** The {@code PRIMARY KEY} constraint ({@code SqlKeyConstraint}), null when absent. */
    public SqlNode primaryKey() {
        return primaryKey;
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
        return Arrays.asList(name, columns, primaryKey, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        DdlWriting.createHead(writer, getReplace(), "TABLE", ifNotExists, name);
        List<SqlNode> elements = new ArrayList<>(columns.getList());
        if (primaryKey != null) {
            elements.add(primaryKey);
        }
        DdlWriting.parenthesizedList(writer, elements);
        DdlWriting.options(writer, options);
    }
}
