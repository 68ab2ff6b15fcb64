package io.laminardb.engine.plan.codegen;

import io.laminardb.engine.SqlValidationException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.ClassDeclarationFinder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Compiles row expressions over {@code Object[]} rows, in Calcite's internal representation, to bytecode: Calcite's
 * {@link RexToLixTranslator} writes each expression as Java (the same code an {@code EnumerableCalc} runs), this class
 * wraps it in a small class implementing {@link RowProjection}, {@link RowPredicate} or {@link RowCalc}, and Janino
 * compiles that class.
 *
 * <p>Field {@code i} of a row holds the value Calcite keeps for its SQL type: {@code Long} epoch milliseconds for
 * TIMESTAMP, {@code Integer} days for DATE, {@code Integer} milliseconds of the day for TIME, {@code String}, {@code
 * BigDecimal}, boxed numbers and {@code Boolean} otherwise, and {@code null} for SQL NULL. Output rows hold values of
 * the same kinds, boxed in the class Calcite gives each output type (a SMALLINT result is a {@code Short}).
 *
 * <p>Expressions that read the clock ({@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP}, {@code CURRENT_DATE}, {@link
 * LaminarFunctions#PROCTIME PROCTIME()}) read it on every evaluation, in UTC.
 *
 * <p>Compiled classes are cached by the expressions' digests and the row types (for the whole JVM, the least recently
 * used dropped beyond {@value #CACHED_CLASSES}), so compiling the same query twice loads one class; each call still
 * returns its own instance. A compiler is safe for concurrent use; a compiled instance keeps no state between calls
 * and may be called by one thread at a time.
 */
public final class ExpressionCompiler {

    /** How many generated classes the JVM-wide cache keeps. */
    static final int CACHED_CLASSES = 512;

    static final GeneratedClassCache CACHE = new GeneratedClassCache(CACHED_CLASSES);

    private static final SqlConformance CONFORMANCE = SqlConformanceEnum.DEFAULT;

    /** No correlated variables reach a single row's expressions. */
    private static final Function1<String, RexToLixTranslator.InputGetter> NO_CORRELATES = name -> {
        throw new IllegalArgumentException("correlated variable " + name + " in a row expression");
    };

    private final JavaTypeFactory typeFactory;
    private final RexBuilder rexBuilder;
    private final DataContext dataContext;

    /**
     * Creates a compiler whose Java classes for SQL types come from {@code typeFactory}; pass the planner's type factory
     * (a {@code JavaTypeFactoryImpl}), the one that typed the expressions.
     */
    public ExpressionCompiler(JavaTypeFactory typeFactory) {
        this.typeFactory = Objects.requireNonNull(typeFactory, "typeFactory");
        this.rexBuilder = new RexBuilder(typeFactory);
        this.dataContext = new WallClockDataContext(typeFactory);
    }

    /**
     * Compiles a projection: {@code output[i]} is {@code exprs.get(i)} evaluated over the input row, in a fresh array
     * per call.
     *
     * @throws SqlValidationException when Calcite cannot implement one of the expressions
     */
    public RowProjection compileProjection(List<RexNode> exprs, RelDataType inputRowType) {
        RexProgramBuilder builder = new RexProgramBuilder(inputRowType, rexBuilder);
        for (int i = 0; i < exprs.size(); i++) {
            builder.addProject(exprs.get(i), "$f" + i);
        }
        RexProgram program = builder.getProgram();
        return (RowProjection)
                instantiate("projection", program, RowProjection.class, exprs, () -> projectionMember(program));
    }

    /**
     * Compiles a condition; the predicate is true only when the condition is {@code TRUE}, so {@code UNKNOWN} rows are
     * filtered out as SQL's {@code WHERE} does.
     *
     * @throws SqlValidationException when Calcite cannot implement the condition
     */
    public RowPredicate compilePredicate(RexNode condition, RelDataType inputRowType) {
        RexProgramBuilder builder = new RexProgramBuilder(inputRowType, rexBuilder);
        builder.addCondition(condition);
        RexProgram program = builder.getProgram();
        return (RowPredicate) instantiate(
                "predicate", program, RowPredicate.class, List.of(condition), () -> predicateMember(program));
    }

    /**
     * Compiles a {@link RexProgram}'s condition and projection into one {@link RowCalc}, which returns null for rows
     * the condition does not keep and computes the projection only for those it does.
     *
     * @throws SqlValidationException when Calcite cannot implement one of the program's expressions
     */
    public RowCalc compileCalc(RexProgram program) {
        RexProgram normalized = program.normalize(rexBuilder, null);
        List<RexNode> exprs = new ArrayList<>(normalized.expandList(normalized.getProjectList()));
        if (normalized.getCondition() != null) {
            exprs.add(normalized.expandLocalRef(normalized.getCondition()));
        }
        return (RowCalc) instantiate("calc", normalized, RowCalc.class, exprs, () -> calcMember(normalized));
    }

    private Object instantiate(
            String kind,
            RexProgram program,
            Class<?> implemented,
            List<RexNode> exprs,
            Supplier<MemberDeclaration> member) {
        String key = kind
                + '|'
                + program.getInputRowType().getFullTypeString()
                + '|'
                + program
                + '|'
                + program.getOutputRowType().getFullTypeString();
        Class<?> generated = CACHE.get(key, implemented, () -> classBody(translate(exprs, member)));
        try {
            return generated.getConstructor(DataContext.class).newInstance(dataContext);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated " + kind, e);
        }
    }

    /** Runs Calcite's translator, turning its failures into an error that names the expression it could not handle. */
    private static MemberDeclaration translate(List<RexNode> exprs, Supplier<MemberDeclaration> member) {
        try {
            return member.get();
        } catch (RuntimeException e) {
            throw UnsupportedExpressions.notSupported(exprs, e);
        }
    }

    private MemberDeclaration projectionMember(RexProgram program) {
        BlockBuilder body = new BlockBuilder();
        List<Expression> values = translateProjects(program, body);
        body.add(Expressions.return_(null, Expressions.newArrayInit(Object.class, values)));
        return Expressions.methodDecl(
                Modifier.PUBLIC, Object[].class, "apply", List.of(RowInputGetter.ROW), body.toBlock());
    }

    private MemberDeclaration predicateMember(RexProgram program) {
        BlockBuilder body = new BlockBuilder();
        Expression condition = translateCondition(program, body);
        body.add(Expressions.return_(null, condition));
        return Expressions.methodDecl(
                Modifier.PUBLIC, boolean.class, "test", List.of(RowInputGetter.ROW), body.toBlock());
    }

    private MemberDeclaration calcMember(RexProgram program) {
        BlockBuilder body = new BlockBuilder();
        if (program.getCondition() != null) {
            // The condition's statements come first and the projection's after the early return, so rows that are
            // filtered out pay for the condition only.
            Expression condition = translateCondition(program, body);
            body.add(Expressions.ifThen(
                    Expressions.not(condition), Expressions.return_(null, Expressions.constant(null))));
        }
        List<Expression> values = translateProjects(program, body);
        body.add(Expressions.return_(null, Expressions.newArrayInit(Object.class, values)));
        return Expressions.methodDecl(
                Modifier.PUBLIC, Object[].class, "apply", List.of(RowInputGetter.ROW), body.toBlock());
    }

    private List<Expression> translateProjects(RexProgram program, BlockBuilder body) {
        // Array row format: each output value in the class Calcite keeps its type in, which the array boxes.
        PhysType output = PhysTypeImpl.of(typeFactory, program.getOutputRowType(), JavaRowFormat.ARRAY);
        return RexToLixTranslator.translateProjects(
                program,
                typeFactory,
                CONFORMANCE,
                body,
                null,
                output,
                DataContext.ROOT,
                new RowInputGetter(program.getInputRowType(), typeFactory),
                NO_CORRELATES);
    }

    private Expression translateCondition(RexProgram program, BlockBuilder body) {
        return RexToLixTranslator.translateCondition(
                program,
                typeFactory,
                body,
                new RowInputGetter(program.getInputRowType(), typeFactory),
                NO_CORRELATES,
                CONFORMANCE);
    }

    /**
     * Writes the body of the generated class: the method, the constants Calcite's optimizer hoists out of it into static
     * fields (so a DECIMAL literal is built once, not per row), and the data context the translated code calls {@code
     * root}.
     */
    private static String classBody(MemberDeclaration method) {
        ClassDeclaration declaration = Expressions.classDecl(
                Modifier.PUBLIC, GeneratedClassCache.CLASS_NAME, null, List.of(), List.of(method));
        ClassDeclaration optimized = (ClassDeclaration) declaration.accept(ClassDeclarationFinder.create());
        String name = GeneratedClassCache.CLASS_NAME;
        String root = DataContext.ROOT.name;
        return "private final org.apache.calcite.DataContext " + root + ";\n"
                + "public " + name + "(org.apache.calcite.DataContext " + root + ") {\n"
                + "  this." + root + " = " + root + ";\n"
                + "}\n"
                + Expressions.toString(optimized.memberDeclarations, "\n", false);
    }
}
