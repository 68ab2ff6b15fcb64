package io.laminardb.engine.sql.parser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The {@code EMIT ...} clause of a continuous query: when results leave a window or an aggregate. */
public final class SqlEmit extends SqlCall {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("EMIT", SqlKind.OTHER);

    /** The emit strategies of DESIGN 4.2. */
    public enum Mode {
        /** {@code EMIT ON WINDOW CLOSE}: one final row per window when the watermark passes its end. */
        ON_WINDOW_CLOSE("ON WINDOW CLOSE"),
        /** {@code EMIT ON WATERMARK}: results as each watermark advances. */
        ON_WATERMARK("ON WATERMARK"),
        /** {@code EMIT ON UPDATE}: a row on every change. */
        ON_UPDATE("ON UPDATE"),
        /** {@code EMIT EVERY INTERVAL '5' SECOND}: periodically, in processing time. */
        EVERY("EVERY"),
        /** {@code EMIT CHANGES}: a changelog with retractions. */
        CHANGES("CHANGES"),
        /** {@code EMIT FINAL}: exact results only, late data dropped. */
        FINAL("FINAL");

        private final String keywords;

        Mode(String keywords) {
            this.keywords = keywords;
        }

        /** The words after {@code EMIT}, such as {@code ON WINDOW CLOSE}. */
        public String keywords() {
            return keywords;
        }
    }

    private final Mode mode;
    private final SqlIntervalLiteral interval;

    /**
     * @param interval the period of {@link Mode#EVERY}, null for every other mode
     */
    public SqlEmit(SqlParserPos pos, Mode mode, SqlNode interval) {
        super(pos);
        this.mode = Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.EVERY) != (interval != null)) {
            throw new IllegalArgumentException("EMIT EVERY takes an interval and no other mode does");
        }
        this.interval = (SqlIntervalLiteral) interval;
    }

    public Mode mode() {
        return mode;
    }

    /** The period of {@code EMIT EVERY}, null for the other modes. */
    public SqlIntervalLiteral interval() {
        return interval;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(SqlLiteral.createSymbol(mode, SqlParserPos.ZERO), interval);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EMIT");
        writer.keyword(mode.keywords());
        if (interval != null) {
            interval.unparse(writer, 0, 0);
        }
    }
}
