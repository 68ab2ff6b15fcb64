package io.laminardb.engine.plan.codegen;

import io.laminardb.engine.sql.parser.LaminarSqlParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Plans {@code SELECT <exprs> FROM t WHERE <condition>} with Calcite over table {@code t}, which has a column of every
 * type the engine keeps (NOT NULL and nullable), and compiles the planned expressions. Rows are built by column name;
 * columns not named are null, or zero/empty when NOT NULL.
 */
final class ExpressionFixture {

    /** Column name to SQL type; {@code _n} columns are nullable. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("big", "BIGINT NOT NULL");
        COLUMNS.put("big_n", "BIGINT");
        COLUMNS.put("int_v", "INTEGER NOT NULL");
        COLUMNS.put("int_n", "INTEGER");
        COLUMNS.put("small_n", "SMALLINT");
        COLUMNS.put("tiny_n", "TINYINT");
        COLUMNS.put("dbl", "DOUBLE NOT NULL");
        COLUMNS.put("dbl_n", "DOUBLE");
        COLUMNS.put("real_n", "REAL");
        COLUMNS.put("dec_n", "DECIMAL(10, 2)");
        COLUMNS.put("str", "VARCHAR NOT NULL");
        COLUMNS.put("str_n", "VARCHAR");
        COLUMNS.put("chr_n", "CHAR(3)");
        COLUMNS.put("flag_n", "BOOLEAN");
        COLUMNS.put("flag2_n", "BOOLEAN");
        COLUMNS.put("ts", "TIMESTAMP(3) NOT NULL");
        COLUMNS.put("ts_n", "TIMESTAMP(3)");
        COLUMNS.put("tsltz_n", "TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)");
        COLUMNS.put("date_n", "DATE");
        COLUMNS.put("time_n", "TIME(3)");
        COLUMNS.put("months_n", "INTERVAL YEAR TO MONTH");
        COLUMNS.put("millis_n", "INTERVAL DAY TO SECOND");
    }

    private static final List<String> NAMES = List.copyOf(COLUMNS.keySet());

    /** What a planned query hands the compiler. */
    record Planned(
            List<RexNode> projects, @Nullable RexNode condition, RelDataType inputRowType, JavaTypeFactory types) {

        RexProgram program() {
            RexProgramBuilder builder = new RexProgramBuilder(inputRowType, new RexBuilder(types));
            for (int i = 0; i < projects.size(); i++) {
                builder.addProject(projects.get(i), "out" + i);
            }
            if (condition != null) {
                builder.addCondition(condition);
            }
            return builder.getProgram();
        }
    }

    private ExpressionFixture() {}

    static Planned plan(String selectList, @Nullable String where) {
        SchemaPlus root = Frameworks.createRootSchema(true);
        root.add("t", new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory typeFactory) {
                return rowType(typeFactory);
            }
        });
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .parserConfig(LaminarSqlParser.CONFIG)
                .defaultSchema(root)
                .operatorTable(LaminarFunctions.operatorTable())
                .build();
        Planner planner = Frameworks.getPlanner(config);
        try {
            SqlNode parsed =
                    planner.parse("SELECT " + selectList + " FROM t" + (where == null ? "" : " WHERE " + where));
            RelNode rel = planner.rel(planner.validate(parsed)).project();
            List<RexNode> projects = List.of();
            RexNode condition = null;
            if (rel instanceof Project project) {
                projects = project.getProjects();
                rel = project.getInput();
            }
            if (rel instanceof Filter filter) {
                condition = filter.getCondition();
                rel = filter.getInput();
            }
            if (!rel.getInputs().isEmpty()) {
                throw new IllegalStateException("not a plain scan under Project/Filter:\n" + RelOptUtil.toString(rel));
            }
            return new Planned(projects, condition, rel.getRowType(), (JavaTypeFactory) planner.getTypeFactory());
        } catch (Exception e) {
            throw new IllegalStateException("cannot plan " + selectList + " WHERE " + where, e);
        } finally {
            planner.close();
        }
    }

    /** Compiles and evaluates one expression over a row. */
    static @Nullable Object eval(String expr, Object[] row) {
        return project(expr, row)[0];
    }

    /** Compiles and evaluates a select list over a row. */
    static Object[] project(String selectList, Object[] row) {
        Planned planned = plan(selectList, null);
        return new ExpressionCompiler(planned.types())
                .compileProjection(planned.projects(), planned.inputRowType())
                .apply(row);
    }

    /** Compiles and tests a WHERE condition over a row. */
    static boolean test(String condition, Object[] row) {
        Planned planned = plan("*", condition);
        return new ExpressionCompiler(planned.types())
                .compilePredicate(planned.condition(), planned.inputRowType())
                .test(row);
    }

    /** A row of {@code t}: pairs of column name and value; other columns null, or zero/empty when NOT NULL. */
    static Object[] row(Object... namesAndValues) {
        Object[] row = new Object[NAMES.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (NAMES.get(i)) {
                case "big", "ts" -> 0L;
                case "int_v" -> 0;
                case "dbl" -> 0.0;
                case "str" -> "";
                default -> null;
            };
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            int index = NAMES.indexOf((String) namesAndValues[i]);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + namesAndValues[i]);
            }
            row[index] = namesAndValues[i + 1];
        }
        return row;
    }

    private static RelDataType rowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            builder.add(column.getKey(), type(typeFactory, column.getValue()));
        }
        return builder.build();
    }

    private static RelDataType type(RelDataTypeFactory typeFactory, String spec) {
        boolean notNull = spec.endsWith(" NOT NULL");
        String name = spec.replace(" NOT NULL", "");
        RelDataType type = switch (name) {
            case "BIGINT" -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case "INTEGER" -> typeFactory.createSqlType(SqlTypeName.INTEGER);
            case "SMALLINT" -> typeFactory.createSqlType(SqlTypeName.SMALLINT);
            case "TINYINT" -> typeFactory.createSqlType(SqlTypeName.TINYINT);
            case "DOUBLE" -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case "REAL" -> typeFactory.createSqlType(SqlTypeName.REAL);
            case "DECIMAL(10, 2)" -> typeFactory.createSqlType(SqlTypeName.DECIMAL, 10, 2);
            case "VARCHAR" -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
            case "CHAR(3)" -> typeFactory.createSqlType(SqlTypeName.CHAR, 3);
            case "BOOLEAN" -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
            case "TIMESTAMP(3)" -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case "TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)" ->
                typeFactory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
            case "DATE" -> typeFactory.createSqlType(SqlTypeName.DATE);
            case "TIME(3)" -> typeFactory.createSqlType(SqlTypeName.TIME, 3);
            case "INTERVAL YEAR TO MONTH" ->
                typeFactory.createSqlIntervalType(
                        new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
            case "INTERVAL DAY TO SECOND" ->
                typeFactory.createSqlIntervalType(
                        new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
            default -> throw new IllegalArgumentException(spec);
        };
        return typeFactory.createTypeWithNullability(type, !notNull);
    }
}
