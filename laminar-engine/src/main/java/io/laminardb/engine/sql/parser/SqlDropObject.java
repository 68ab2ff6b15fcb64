package io.laminardb.engine.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP SOURCE | SINK | STREAM | MATERIALIZED VIEW | TABLE [IF EXISTS] name [CASCADE]}. Without {@code
 * CASCADE} the engine refuses to drop an object something still reads from.
 */
public final class SqlDropObject extends SqlDrop {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP", SqlKind.OTHER_DDL);

    private final SqlObjectKind kind;
    private final SqlIdentifier name;
    private final boolean cascade;

    public SqlDropObject(SqlParserPos pos, SqlObjectKind kind, boolean ifExists, SqlIdentifier name, boolean cascade) {
        super(OPERATOR, pos, ifExists);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.cascade = cascade;
    }

    public SqlObjectKind kind() {
        return kind;
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifExists() {
        return ifExists;
    }

    public boolean cascade() {
        return cascade;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(kind.keyword());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
