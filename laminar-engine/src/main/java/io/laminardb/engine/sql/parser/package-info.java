/**
 * The SQL parser: Calcite's grammar extended with LaminarDB's statements ({@code docs/sql.md}).
 *
 * <h2>How the grammar is extended</h2>
 *
 * <p>As Flink's {@code flink-sql-parser} and Drill do it, not by string splitting or regular expressions: the build
 * unpacks Calcite's grammar template ({@code codegen/templates/Parser.jj}) and its defaults from the calcite-core jar,
 * FMPP merges them with {@code src/main/codegen/config.fmpp} (new keywords, the names of our productions) and {@code
 * includes/parserImpls.ftl} (the productions), and JavaCC generates {@code impl.LaminarSqlParserImpl} under {@code
 * target/generated-sources}. Queries, expressions, data types, {@code INSERT}, {@code DELETE} and {@code DESCRIBE}
 * stay Calcite's, so window table functions, {@code FOR SYSTEM_TIME AS OF} and ASOF joins parse as Calcite defines
 * them. The grammar is built with JavaCC 4.0, as Calcite builds its own: later JavaCC versions generate code that
 * does not compile against the template.
 *
 * <h2>Statements as nodes</h2>
 *
 * <p>Each statement is its own {@code SqlCall} with an operator and an {@code unparse} that writes SQL the parser
 * reads back to an equal tree ({@link io.laminardb.engine.sql.parser.LaminarSqlParser#unparse}): {@code CREATE} nodes
 * extend Calcite's {@code SqlCreate} and hook into its {@code CREATE [OR REPLACE]} production, {@link
 * io.laminardb.engine.sql.parser.SqlDropObject} extends {@code SqlDrop}; {@code SHOW} and {@code EXPLAIN <query>} are
 * statements of their own. Columns and primary keys reuse Calcite's {@code SqlColumnDeclaration} and {@code
 * SqlKeyConstraint}. Nodes carry syntax only; {@link io.laminardb.engine.sql.parser.SourceDefinition} is the first
 * step from syntax to what the engine runs.
 *
 * <h2>Lexical choices</h2>
 *
 * <p>Identifiers behave as in Flink: quoted with backticks, unquoted ones keep their case, and names are matched
 * without regard to case. {@code EMIT} is the one new reserved word: a query ends right before it, and as a
 * non-reserved word it would be read as a table alias ({@code FROM t EMIT ...}). The other new words ({@code SOURCES},
 * {@code WATERMARK}, {@code IF}, ...) remain usable as names. Calcite has no {@code MILLISECOND} interval qualifier;
 * where a delay is expected (watermarks, {@code EMIT EVERY}) {@code INTERVAL '100' MILLISECOND} is read as the equal
 * {@code INTERVAL '0.100' SECOND}.
 *
 * <h2>Errors</h2>
 *
 * <p>Calcite reports every token it could have accepted, often eighty of them. {@code SyntaxErrors} keeps the few a
 * person needs: the words that choose a statement or clause first, non-reserved words folded into "identifier", at
 * most five, then "...". Positions are 1-based and relative to the whole script, and the message quotes the line with
 * a caret under the column.
 */
package io.laminardb.engine.sql.parser;
