package io.laminardb.engine.sql.parser;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One {@code key = value} entry of a {@code WITH (...)} list. The key is a bare identifier ({@code connector}) or a
 * quoted string ({@code 'bootstrap.servers'}); the value a string, number or boolean literal.
 */
public final class SqlOption extends SqlCall {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private final SqlNode key;
    private final SqlLiteral value;

    public SqlOption(SqlParserPos pos, SqlNode key, SqlNode value) {
        super(pos);
        if (!(key instanceof SqlIdentifier) && !(key instanceof SqlCharStringLiteral)) {
            throw new IllegalArgumentException("option key must be an identifier or a string literal: " + key);
        }
        this.key = key;
        this.value = (SqlLiteral) Objects.requireNonNull(value, "value");
    }

    /** The key as written: an identifier or a string literal. */
    public SqlNode keyNode() {
        return key;
    }

    /** The key in lower case, whether it was written bare or quoted. */
    public String key() {
        String text = key instanceof SqlIdentifier id ? id.getSimple() : ((SqlLiteral) key).getValueAs(String.class);
        return text.toLowerCase(Locale.ROOT);
    }

    /** The value literal as written. */
    public SqlLiteral valueNode() {
        return value;
    }

    /** The value as text: a string unquoted, a number or boolean as written ({@code 131072}, {@code true}). */
    public String value() {
        if (value instanceof SqlCharStringLiteral) {
            return value.getValueAs(String.class);
        }
        return value.toValue();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(key, value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        key.unparse(writer, leftPrec, rightPrec);
        writer.keyword("=");
        value.unparse(writer, leftPrec, rightPrec);
    }
}
