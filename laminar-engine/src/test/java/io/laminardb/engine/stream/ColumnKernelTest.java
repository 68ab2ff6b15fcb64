package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Vector kernels of exact arithmetic: what they take, what they compute, and when they hand the batch back. */
class ColumnKernelTest {

    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
    private static final RexBuilder REX = new RexBuilder(TYPES);
    private static final List<Field> INPUT = List.of(
            new Field("price", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("qty", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("name", FieldType.nullable(new ArrowType.Utf8()), null));

    private static RexNode price() {
        return REX.makeInputRef(TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.BIGINT), true), 0);
    }

    private static RexNode qty() {
        return REX.makeInputRef(TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.INTEGER), true), 1);
    }

    private static Field decimal(int precision, int scale) {
        return new Field("out", FieldType.nullable(new ArrowType.Decimal(precision, scale, 128)), null);
    }

    /** Nexmark q1's {@code 0.908 * price}, as Calcite types it. */
    private static RexNode q1() {
        return REX.makeCall(SqlStdOperatorTable.MULTIPLY, REX.makeExactLiteral(new BigDecimal("0.908")), price());
    }

    @Test
    void aDecimalLiteralTimesABigintIsComputedUnscaled() {
        RexNode expr = q1();
        int scale = expr.getType().getScale();
        ColumnKernel kernel =
                ColumnKernel.of(expr, INPUT, decimal(expr.getType().getPrecision(), scale));
        assertThat(kernel).isNotNull();
        try (BufferAllocator allocator = new RootAllocator();
                BigIntVector price = new BigIntVector("price", allocator);
                DecimalVector out = new DecimalVector(decimal(expr.getType().getPrecision(), scale), allocator)) {
            price.allocateNew(3);
            price.set(0, 1000);
            price.setNull(1);
            price.set(2, -7);
            price.setValueCount(3);
            assertThat(kernel.run(new FieldVector[] {price, null, null}, 3, out))
                    .isTrue();
            out.setValueCount(3);
            assertThat(out.getObject(0)).isEqualTo(new BigDecimal("908.000"));
            assertThat(out.isNull(1)).isTrue();
            assertThat(out.getObject(2)).isEqualTo(new BigDecimal("-6.356"));
        }
    }

    @Test
    void aProductPastALongHandsTheBatchBack() {
        RexNode expr = REX.makeCall(SqlStdOperatorTable.MULTIPLY, price(), price());
        ColumnKernel kernel =
                ColumnKernel.of(expr, INPUT, new Field("out", FieldType.nullable(new ArrowType.Int(64, true)), null));
        assertThat(kernel).isNotNull();
        try (BufferAllocator allocator = new RootAllocator();
                BigIntVector price = new BigIntVector("price", allocator);
                BigIntVector out = new BigIntVector("out", allocator)) {
            price.allocateNew(2);
            price.set(0, 3);
            price.set(1, Long.MAX_VALUE / 2);
            price.setValueCount(2);
            assertThat(kernel.run(new FieldVector[] {price}, 2, out)).isFalse();
        }
    }

    @Test
    void anIntegerSumPastItsTypeHandsTheBatchBack() {
        RexNode expr = REX.makeCall(SqlStdOperatorTable.PLUS, qty(), qty());
        ColumnKernel kernel =
                ColumnKernel.of(expr, INPUT, new Field("out", FieldType.nullable(new ArrowType.Int(32, true)), null));
        assertThat(kernel).isNotNull();
        try (BufferAllocator allocator = new RootAllocator();
                IntVector qty = new IntVector("qty", allocator);
                IntVector out = new IntVector("out", allocator)) {
            qty.allocateNew(1);
            qty.set(0, Integer.MAX_VALUE);
            qty.setValueCount(1);
            assertThat(kernel.run(new FieldVector[] {null, qty}, 1, out)).isFalse();
        }
    }

    @Test
    void whatIsNotExactArithmeticOverIntegersHasNoKernel() {
        RexNode divide = REX.makeCall(SqlStdOperatorTable.DIVIDE, price(), qty());
        assertThat(ColumnKernel.of(divide, INPUT, INPUT.get(0))).isNull();
        RexNode name =
                REX.makeInputRef(TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.VARCHAR), true), 2);
        assertThat(ColumnKernel.of(name, INPUT, INPUT.get(2))).isNull();
        RexNode dbl = REX.makeCall(SqlStdOperatorTable.MULTIPLY, REX.makeApproxLiteral(new BigDecimal("1.5")), price());
        assertThat(ColumnKernel.of(dbl, INPUT, INPUT.get(0))).isNull();
        assertThat(ColumnKernel.of(REX.makeLiteral("text"), INPUT, INPUT.get(2)))
                .isNull();
        // A column of a smaller scale than the value would round: the row path decides.
        RexNode expr = q1();
        assertThat(ColumnKernel.of(expr, INPUT, decimal(20, 2))).isNull();
    }

    /** The same arithmetic over random integers, in Arrow batches and pushed row by row, gives the same rows. */
    @Property(tries = 30)
    void batchesComputeWhatRowsCompute(@ForAll("events") List<Object[]> events) throws InterruptedException {
        List<String> queries = List.of(
                "CREATE STREAM q1 AS SELECT id, 0.908 * id AS price, ts FROM t",
                "CREATE STREAM sums AS SELECT id + qty AS a, id - 3 AS b, qty * 2 AS c, CAST(qty AS BIGINT) * 1000"
                        + " AS d, 0.25 + 1.5 * qty AS e, qty + qty AS f FROM t");
        List<String> names = List.of("q1", "sums");
        assertThat(ColumnarQueryTest.run(events, true, queries, names))
                .isEqualTo(ColumnarQueryTest.run(events, false, queries, names));
    }

    @Provide
    Arbitrary<List<Object[]>> events() {
        // 0.908 * id within DECIMAL(19, 3), the type Calcite gives it: past that the row path hands on a value the
        // column cannot hold and the columnar path fails the row (a difference of its own, kernels or not).
        long bound = Long.MAX_VALUE / 908;
        Arbitrary<Long> ids = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000, 1_000_000),
                Arbitraries.longs().between(-bound, bound),
                Arbitraries.of(bound, -bound));
        Arbitrary<Integer> qty = Arbitraries.oneOf(
                        Arbitraries.integers().between(-1000, 1000),
                        Arbitraries.integers(),
                        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE))
                .injectNull(0.1);
        return net.jqwik.api.Combinators.combine(ids, qty)
                .as((id, q) -> ColumnarQueryTest.event(id, "n", "1.00", q, ColumnarQueryTest.T0))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }
}
