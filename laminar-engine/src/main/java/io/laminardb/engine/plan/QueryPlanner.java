package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.plan.codegen.LaminarFunctions;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Validates a query against the catalog and turns it into an optimised relational plan: Calcite's validator, its
 * SQL-to-relational converter, and a rule program that merges projections and filters so that each chain of them
 * becomes one compiled step.
 */
public final class QueryPlanner {

    private static final List<org.apache.calcite.plan.RelOptRule> MERGE_RULES = List.of(
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_MERGE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_REDUCE_EXPRESSIONS);

    /** For one-shot queries, which Calcite's interpreter runs: it knows projections and filters, not Calc. */
    private static final HepProgram ONE_SHOT_RULES =
            new HepProgramBuilder().addRuleCollection(MERGE_RULES).build();

    private static final HepProgram RULES = new HepProgramBuilder()
            // OVER expressions leave their projection for a Window of their own first: the rules below would otherwise
            // merge filters and projections across them, and the translator finds ranking and offsets in one place.
            .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
            // Conditions of WHERE that compare the sides of a join become part of its ON condition (FROM a, b WHERE
            // a.k = b.k is a join on k), conditions of one side go below the join, and computed keys become columns.
            .addRuleCollection(
                    List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.JOIN_PUSH_EXPRESSIONS))
            .addRuleCollection(List.of(
                    CoreRules.FILTER_PROJECT_TRANSPOSE,
                    CoreRules.FILTER_MERGE,
                    CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE,
                    CoreRules.FILTER_REDUCE_EXPRESSIONS,
                    CoreRules.PROJECT_REDUCE_EXPRESSIONS))
            // Then each chain of filters and projections becomes one Calc: one compiled function per row.
            .addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC, CoreRules.CALC_MERGE))
            .build();

    /**
     * Calcite's type system, except that {@code CASE WHEN ... THEN 'high' ELSE 'low' END} is a VARCHAR rather than a
     * CHAR(4) padding {@code 'low '} with a blank, which surprises everyone who is not a SQL standard.
     */
    private static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
        @Override
        public boolean shouldConvertRaggedUnionTypesToVarying() {
            return true;
        }
    };

    private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(TYPE_SYSTEM);
    private final SqlOperatorTable operators;

    public QueryPlanner(SqlOperatorTable operators) {
        this.operators = operators;
    }

    /** The standard operators, PostgreSQL's library functions, and ours ({@code PROCTIME()}). */
    public static SqlOperatorTable defaultOperators() {
        return LaminarFunctions.operatorTable();
    }

    public JavaTypeFactoryImpl typeFactory() {
        return typeFactory;
    }

    /**
     * Plans {@code query} over the tables that {@code tables} finds by name.
     *
     * @throws SqlValidationException with Calcite's message and the position, for a query that does not validate
     */
    public RelNode plan(SqlNode query, List<? extends CatalogTable> tables) {
        return plan(query, tables, RULES);
    }

    /** As {@link #plan(SqlNode, List)}, for a query that runs once over the tables' current contents. */
    public RelNode planOneShot(SqlNode query, List<? extends CatalogTable> tables) {
        return plan(query, tables, ONE_SHOT_RULES);
    }

    private RelNode plan(SqlNode query, List<? extends CatalogTable> tables, HepProgram rules) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        for (CatalogTable table : tables) {
            root.add(table.name(), table);
        }
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        CalciteCatalogReader catalog =
                new CalciteCatalogReader(root, List.of(), typeFactory, new CalciteConnectionConfigImpl(properties));
        SqlValidator validator = SqlValidatorUtil.newValidator(
                operators, catalog, typeFactory, SqlValidator.Config.DEFAULT.withIdentifierExpansion(true));
        SqlNode validated;
        try {
            validated = validator.validate(AsofSyntax.rewrite(
                    WindowSyntax.rewrite(query),
                    name -> tables.stream()
                            .filter(t -> t.name().equalsIgnoreCase(name))
                            .map(CatalogTable::eventTimeColumn)
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(null)));
        } catch (CalciteContextException e) {
            throw new SqlValidationException(describe(e));
        }
        RelOptCluster cluster =
                RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
        SqlToRelConverter converter = new SqlToRelConverter(
                (rowType, queryString, schemaPath, viewPath) -> {
                    throw new UnsupportedOperationException("views are not expanded");
                },
                validator,
                catalog,
                cluster,
                StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
        RelRoot relRoot = converter.convertQuery(validated, false, true);
        RelNode rel = relRoot.project();
        HepPlanner planner = new HepPlanner(rules);
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    private static String describe(CalciteContextException e) {
        String message = e.getMessage();
        // Calcite's message already says "From line 1, column 8 to line 1, column 12: ..."
        return message == null ? e.toString() : message;
    }
}
