<#--
  LaminarDB's statements (docs/sql.md), merged into Calcite's Parser.jj by FMPP. The productions build the node
  classes of io.laminardb.engine.sql.parser; everything else (queries, expressions, data types, INSERT, DELETE,
  DESCRIBE) is Calcite's own grammar.
-->

/**
 * Ends the parser's look-ahead once the word that names a statement has been read. Calcite picks among CREATE
 * statements by their first two words; a name that is a reserved word (CREATE STREAM select ...) would otherwise make
 * none match and the error point at the statement's first word instead of at the name. A JAVACODE production counts
 * as a match during look-ahead.
 */
JAVACODE void CommitToStatement()
{
}

/** Parses {@code IF NOT EXISTS}; IF is not reserved, so a name "if" still works. */
boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses {@code IF EXISTS}. */
boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses one {@code key = value} option: a bare or quoted key, a string, number or boolean value. */
SqlOption Option() :
{
    final SqlNode key;
    final SqlNode value;
}
{
    (
        key = SimpleIdentifier()
    |
        key = StringLiteral()
    )
    <EQ>
    (
        value = StringLiteral()
    |
        value = NumericLiteral()
    |
        <TRUE> { value = SqlLiteral.createBoolean(true, getPos()); }
    |
        <FALSE> { value = SqlLiteral.createBoolean(false, getPos()); }
    )
    {
        return new SqlOption(key.getParserPosition().plus(value.getParserPosition()), key, value);
    }
}

/** Parses {@code WITH ( key = value, ... )}; an empty list is allowed. */
SqlNodeList OptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlOption option;
}
{
    <WITH> { s = span(); }
    <LPAREN>
    [
        option = Option() { list.add(option); }
        (
            <COMMA> option = Option() { list.add(option); }
        )*
    ]
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

/** Parses {@code name TYPE [NULL | NOT NULL]}. */
SqlNode ColumnDeclaration() :
{
    final SqlIdentifier name;
    SqlDataTypeSpec type;
    final boolean nullable;
}
{
    name = SimpleIdentifier()
    type = DataType()
    nullable = NullableOptDefaultTrue()
    {
        type = type.withNullable(nullable);
        return SqlDdlNodes.column(name.getParserPosition().plus(getPos()), name, type, null,
            nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE);
    }
}

/** Parses {@code WATERMARK FOR column AS expression}. */
SqlWatermark Watermark() :
{
    final Span s;
    final SqlIdentifier column;
    final SqlIdentifier reference;
    final SqlLiteral interval;
    final SqlNode expression;
}
{
    <WATERMARK> { s = span(); }
    <FOR> column = SimpleIdentifier()
    <AS>
    (
        LOOKAHEAD(SimpleIdentifier() <MINUS> MillisecondInterval())
        reference = SimpleIdentifier() <MINUS> interval = MillisecondInterval()
        {
            expression = SqlStdOperatorTable.MINUS.createCall(
                reference.getParserPosition().plus(interval.getParserPosition()), reference, interval);
        }
    |
        expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    )
    {
        return new SqlWatermark(s.end(expression), column, expression);
    }
}

/**
 * Parses {@code INTERVAL 'n' MILLISECOND}, which Calcite's interval qualifiers lack, as the equal interval of
 * seconds: {@code INTERVAL '0.100' SECOND} for {@code INTERVAL '100' MILLISECOND}. Accepted where watermarks and
 * EMIT EVERY take a delay.
 */
SqlLiteral MillisecondInterval() :
{
    final Span s;
    int sign = 1;
    final String millis;
    String seconds;
}
{
    <INTERVAL> { s = span(); }
    [
        <MINUS> { sign = -1; }
    |
        <PLUS>
    ]
    millis = SimpleStringLiteral()
    <MILLISECOND>
    {
        try {
            seconds = new BigDecimal(millis.trim()).movePointLeft(3).toPlainString();
        } catch (NumberFormatException e) {
            seconds = millis;
        }
        return SqlParserUtil.parseIntervalLiteral(s.end(this), sign, seconds,
            new SqlIntervalQualifier(TimeUnit.SECOND, null, s.end(this)));
    }
}

/**
 * Parses {@code SOURCE [IF NOT EXISTS] name (col TYPE, ... [, WATERMARK FOR col AS expr]) [FROM 'uri'] [WITH (...)]}.
 */
SqlCreate SqlCreateSource(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final Span columnSpan;
    SqlNode column;
    SqlWatermark watermark = null;
    SqlNode uri = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
}
{
    <SOURCE> CommitToStatement() ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    <LPAREN> { columnSpan = span(); }
    column = ColumnDeclaration() { columns.add(column); }
    (
        LOOKAHEAD(3)
        <COMMA> column = ColumnDeclaration() { columns.add(column); }
    )*
    [
        <COMMA> watermark = Watermark()
    ]
    <RPAREN>
    [
        <FROM> uri = StringLiteral()
    ]
    [
        optionList = OptionList()
    ]
    {
        return new SqlCreateSource(s.end(this), replace, ifNotExists, name,
            new SqlNodeList(columns, columnSpan.end(this)), watermark, uri, optionList);
    }
}

/** Parses {@code EMIT ON WINDOW CLOSE | ON WATERMARK | ON UPDATE | EVERY <interval> | CHANGES | FINAL}. */
SqlEmit Emit() :
{
    final Span s;
    final SqlEmit.Mode mode;
    SqlNode interval = null;
}
{
    <EMIT> { s = span(); }
    (
        <ON>
        (
            <WINDOW> <CLOSE> { mode = SqlEmit.Mode.ON_WINDOW_CLOSE; }
        |
            <WATERMARK> { mode = SqlEmit.Mode.ON_WATERMARK; }
        |
            <UPDATE> { mode = SqlEmit.Mode.ON_UPDATE; }
        )
    |
        <EVERY>
        (
            LOOKAHEAD(MillisecondInterval()) interval = MillisecondInterval()
        |
            interval = IntervalLiteral()
        )
        { mode = SqlEmit.Mode.EVERY; }
    |
        <CHANGES> { mode = SqlEmit.Mode.CHANGES; }
    |
        <FINAL> { mode = SqlEmit.Mode.FINAL; }
    )
    {
        return new SqlEmit(s.end(this), mode, interval);
    }
}

/**
 * Parses {@code STREAM [IF NOT EXISTS] name [WITH (...)] AS query [EMIT ...]}; the options may also follow the query.
 */
SqlCreate SqlCreateStream(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNode query;
    SqlEmit emit = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
}
{
    <STREAM> CommitToStatement() ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    (
        optionList = OptionList()
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ emit = Emit() ]
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ emit = Emit() ]
        [ optionList = OptionList() ]
    )
    {
        return new SqlCreateStream(s.end(this), replace, ifNotExists, name, query, emit, optionList);
    }
}

/** Parses {@code MATERIALIZED VIEW [IF NOT EXISTS] name [WITH (...)] AS query [EMIT ...]}, options also at the end. */
SqlCreate SqlCreateMaterializedView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNode query;
    SqlEmit emit = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
}
{
    <MATERIALIZED> <VIEW> CommitToStatement() ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    (
        optionList = OptionList()
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ emit = Emit() ]
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ emit = Emit() ]
        [ optionList = OptionList() ]
    )
    {
        return new SqlCreateMaterializedView(s.end(this), replace, ifNotExists, name, query, emit, optionList);
    }
}

/** Parses {@code PRIMARY KEY (k, ...)}. */
SqlNode PrimaryKey() :
{
    final Span s;
    final SqlNodeList columns;
}
{
    <PRIMARY> { s = span(); } <KEY>
    columns = ParenthesizedSimpleIdentifierList()
    {
        return SqlKeyConstraint.primary(s.end(columns), null, columns);
    }
}

/** Parses {@code TABLE [IF NOT EXISTS] name (col TYPE, ... [, PRIMARY KEY (k, ...)]) [WITH (...)]}. */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final Span columnSpan;
    SqlNode column;
    SqlNode primaryKey = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
}
{
    <TABLE> CommitToStatement() ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    <LPAREN> { columnSpan = span(); }
    column = ColumnDeclaration() { columns.add(column); }
    (
        LOOKAHEAD(2)
        <COMMA> column = ColumnDeclaration() { columns.add(column); }
    )*
    [
        <COMMA> primaryKey = PrimaryKey()
    ]
    <RPAREN>
    [
        optionList = OptionList()
    ]
    {
        return new SqlCreateTable(s.end(this), replace, ifNotExists, name,
            new SqlNodeList(columns, columnSpan.end(this)), primaryKey, optionList);
    }
}

/**
 * Parses {@code SINK [IF NOT EXISTS] name [FROM input] [INTO 'uri'] [WITH (...)] [AS query]}; INTO and WITH may also
 * follow the query, as in {@code CREATE SINK s AS SELECT ... INTO 'uri' WITH (...)}.
 */
SqlCreate SqlCreateSink(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlIdentifier input = null;
    SqlNode query = null;
    SqlNode uri = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
}
{
    <SINK> CommitToStatement() ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    [
        <FROM> input = CompoundIdentifier()
        [ <INTO> uri = StringLiteral() ]
        [ optionList = OptionList() ]
    |
        <INTO> uri = StringLiteral()
        [
            optionList = OptionList()
            [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
        |
            <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
            [ optionList = OptionList() ]
        ]
    |
        optionList = OptionList()
        [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ <INTO> uri = StringLiteral() ]
        [ optionList = OptionList() ]
    ]
    {
        return new SqlCreateSink(s.end(this), replace, ifNotExists, name, input, query, uri, optionList);
    }
}

/** Parses {@code SOURCE | SINK | STREAM | MATERIALIZED VIEW | TABLE [IF EXISTS] name [CASCADE]} after DROP. */
SqlDrop SqlDropObject(Span s, boolean replace) :
{
    final SqlObjectKind kind;
    final boolean ifExists;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    (
        <SOURCE> { kind = SqlObjectKind.SOURCE; }
    |
        <SINK> { kind = SqlObjectKind.SINK; }
    |
        <STREAM> { kind = SqlObjectKind.STREAM; }
    |
        <MATERIALIZED> <VIEW> { kind = SqlObjectKind.MATERIALIZED_VIEW; }
    |
        <TABLE> { kind = SqlObjectKind.TABLE; }
    )
    ifExists = IfExistsOpt() name = CompoundIdentifier()
    [ <CASCADE> { cascade = true; } ]
    {
        return new SqlDropObject(s.end(this), kind, ifExists, name, cascade);
    }
}

/** Parses {@code SHOW SOURCES | SINKS | STREAMS | MATERIALIZED VIEWS | TABLES | QUERIES | WATERMARKS}. */
SqlNode SqlShowObjects() :
{
    final Span s;
    final SqlShowObjects.Target target;
}
{
    <SHOW> { s = span(); }
    (
        <SOURCES> { target = SqlShowObjects.Target.SOURCES; }
    |
        <SINKS> { target = SqlShowObjects.Target.SINKS; }
    |
        <STREAMS> { target = SqlShowObjects.Target.STREAMS; }
    |
        <MATERIALIZED> <VIEWS> { target = SqlShowObjects.Target.MATERIALIZED_VIEWS; }
    |
        <TABLES> { target = SqlShowObjects.Target.TABLES; }
    |
        <QUERIES> { target = SqlShowObjects.Target.QUERIES; }
    |
        <WATERMARKS> { target = SqlShowObjects.Target.WATERMARKS; }
    |
        target = UnknownShowTarget()
    )
    {
        return new SqlShowObjects(s.end(this), target);
    }
}

/**
 * Reports what may follow SHOW. A JAVACODE production matches anything during lookahead, so {@code SHOW SOURCE}
 * reaches this point and the error names the word after SHOW instead of SHOW itself.
 */
JAVACODE SqlShowObjects.Target UnknownShowTarget()
{
    throw generateParseException();
}

/**
 * Parses {@code EXPLAIN <query or DML>}, the streaming plan; Calcite's {@code EXPLAIN PLAN [...] FOR ...} still
 * parses as before.
 */
SqlNode SqlExplainQueryOrPlan() :
{
    final Span s;
    final SqlNode stmt;
}
{
    LOOKAHEAD(2) stmt = SqlExplain() { return stmt; }
|
    <EXPLAIN> { s = span(); }
    stmt = SqlQueryOrDml()
    {
        return new SqlExplainQuery(s.end(this), stmt);
    }
}
