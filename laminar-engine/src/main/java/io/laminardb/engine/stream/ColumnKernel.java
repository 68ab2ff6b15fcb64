package io.laminardb.engine.stream;

import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A computed column of a columnar query evaluated over whole vectors, without a row: exact arithmetic ({@code +},
 * {@code -}, {@code *}, casts that only widen) over integer columns and exact numeric literals, each value kept as a
 * {@code long} with a known decimal scale (Nexmark q1's {@code 0.908 * price} is {@code price * 908} at scale 3).
 *
 * <p>Every operation is exact and null in, null out, so the result equals what the row path's compiled expression
 * computes. When it cannot be exact in a {@code long} (a product overflows, the result has more digits than the
 * column's precision), {@link #run} says so and the batch goes the row path, which decides as it always does.
 */
final class ColumnKernel {

    /** One node of the expression: the value of row {@code r}, at this node's scale. */
    private interface Node {
        long value(FieldVector[] in, int r);
    }

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private final Node root;
    private final int[] inputs;
    private final Writer writer;

    private ColumnKernel(Node root, int[] inputs, Writer writer) {
        this.root = root;
        this.inputs = inputs;
        this.writer = writer;
    }

    /** A node and the scale of its values. */
    private record Scaled(Node node, int scale) {}

    /**
     * The kernel of {@code expr} (expanded, over the input row) writing a column of type {@code output}, or null when
     * the expression or the types are not of the kinds above.
     */
    static @Nullable ColumnKernel of(RexNode expr, List<Field> input, Field output) {
        java.util.BitSet refs = new java.util.BitSet();
        Scaled scaled;
        try {
            scaled = compile(expr, input, refs);
        } catch (Unsupported e) {
            return null;
        }
        if (scaled == null) {
            return null;
        }
        Writer writer = writer(output, scaled.scale());
        return writer == null
                ? null
                : new ColumnKernel(scaled.node(), refs.stream().toArray(), writer);
    }

    /** Thrown while compiling an expression that has no kernel. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static Scaled compile(RexNode expr, List<Field> input, java.util.BitSet refs) throws Unsupported {
        if (expr instanceof RexInputRef ref) {
            Field field = input.get(ref.getIndex());
            if (!(field.getType() instanceof ArrowType.Int integer) || !integer.getIsSigned()) {
                throw new Unsupported();
            }
            refs.set(ref.getIndex());
            int column = ref.getIndex();
            Node read = switch (integer.getBitWidth()) {
                case 64 -> (in, r) -> ((BigIntVector) in[column]).get(r);
                case 32 -> (in, r) -> ((IntVector) in[column]).get(r);
                case 16 -> (in, r) -> ((SmallIntVector) in[column]).get(r);
                case 8 -> (in, r) -> ((TinyIntVector) in[column]).get(r);
                default -> throw new Unsupported();
            };
            return new Scaled(read, 0);
        }
        if (expr instanceof RexLiteral literal) {
            if (!SqlTypeName.EXACT_TYPES.contains(literal.getType().getSqlTypeName())) {
                throw new Unsupported();
            }
            BigDecimal value = literal.getValueAs(BigDecimal.class);
            if (value == null) {
                throw new Unsupported();
            }
            int scale = Math.max(0, value.scale());
            long unscaled;
            try {
                unscaled = value.setScale(scale).unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
                throw new Unsupported();
            }
            return new Scaled((in, r) -> unscaled, scale);
        }
        if (!(expr instanceof RexCall call)) {
            throw new Unsupported();
        }
        SqlTypeName type = call.getType().getSqlTypeName();
        if (!SqlTypeName.EXACT_TYPES.contains(type)) {
            throw new Unsupported();
        }
        switch (call.getKind()) {
            case CAST -> {
                Scaled operand = compile(call.getOperands().get(0), input, refs);
                return check(operand, call);
            }
            case TIMES -> {
                Scaled a = compile(call.getOperands().get(0), input, refs);
                Scaled b = compile(call.getOperands().get(1), input, refs);
                Node x = a.node();
                Node y = b.node();
                return check(
                        new Scaled(
                                (in, r) -> Math.multiplyExact(x.value(in, r), y.value(in, r)), a.scale() + b.scale()),
                        call);
            }
            case PLUS, MINUS -> {
                Scaled a = compile(call.getOperands().get(0), input, refs);
                Scaled b = compile(call.getOperands().get(1), input, refs);
                int scale = Math.max(a.scale(), b.scale());
                Node x = rescale(a, scale).node();
                Node y = rescale(b, scale).node();
                Node node = call.getKind() == SqlKind.PLUS
                        ? (in, r) -> Math.addExact(x.value(in, r), y.value(in, r))
                        : (in, r) -> Math.subtractExact(x.value(in, r), y.value(in, r));
                return check(new Scaled(node, scale), call);
            }
            default -> throw new Unsupported();
        }
    }

    /**
     * The node's values at the call's type: rescaled to its scale (only up, which is exact), and checked against its
     * range (an {@code INTEGER} sum the row path would wrap, a {@code DECIMAL} past its precision), which sends the
     * batch to the row path rather than give another answer.
     */
    private static Scaled check(Scaled scaled, RexCall call) throws Unsupported {
        SqlTypeName type = call.getType().getSqlTypeName();
        Scaled rescaled =
                rescale(scaled, type == SqlTypeName.DECIMAL ? call.getType().getScale() : 0);
        long limit = switch (type) {
            case TINYINT -> 1L << 7;
            case SMALLINT -> 1L << 15;
            case INTEGER -> 1L << 31;
            case DECIMAL ->
                call.getType().getPrecision() >= 19 ? 0 : POWERS[call.getType().getPrecision()];
            default -> 0; // BIGINT: the exact operations throw on overflow
        };
        if (limit == 0) {
            return rescaled;
        }
        Node node = rescaled.node();
        long max = limit - 1;
        long min = type == SqlTypeName.DECIMAL ? -(limit - 1) : -limit;
        return new Scaled(
                (in, r) -> {
                    long value = node.value(in, r);
                    if (value > max || value < min) {
                        throw new ArithmeticException("out of the type's range");
                    }
                    return value;
                },
                rescaled.scale());
    }

    private static Scaled rescale(Scaled scaled, int scale) throws Unsupported {
        if (scale == scaled.scale()) {
            return scaled;
        }
        int up = scale - scaled.scale();
        if (up < 0 || up >= POWERS.length) {
            throw new Unsupported(); // would round
        }
        long factor = POWERS[up];
        Node node = scaled.node();
        return new Scaled((in, r) -> Math.multiplyExact(node.value(in, r), factor), scale);
    }

    /** Writes row {@code k}'s value, unscaled at the kernel's scale; false when the column cannot hold it. */
    private interface Writer {
        boolean write(FieldVector out, int k, long value);
    }

    private static @Nullable Writer writer(Field output, int scale) {
        ArrowType type = output.getType();
        if (type instanceof ArrowType.Decimal decimal && decimal.getBitWidth() == 128) {
            int up = decimal.getScale() - scale;
            if (up < 0 || up >= POWERS.length) {
                return null;
            }
            long factor = POWERS[up];
            int precision = decimal.getPrecision();
            long limit = precision >= 19 ? Long.MAX_VALUE : POWERS[precision];
            return (out, k, value) -> {
                long unscaled;
                try {
                    unscaled = Math.multiplyExact(value, factor);
                } catch (ArithmeticException e) {
                    return false;
                }
                if (unscaled >= limit || unscaled <= -limit) {
                    return false;
                }
                ((DecimalVector) out).set(k, unscaled);
                return true;
            };
        }
        if (scale != 0 || !(type instanceof ArrowType.Int integer) || !integer.getIsSigned()) {
            return null;
        }
        return switch (integer.getBitWidth()) {
            case 64 ->
                (out, k, value) -> {
                    ((BigIntVector) out).set(k, value);
                    return true;
                };
            case 32 ->
                (out, k, value) -> {
                    if (value != (int) value) {
                        return false;
                    }
                    ((IntVector) out).set(k, (int) value);
                    return true;
                };
            default -> null;
        };
    }

    /**
     * Computes the column for rows {@code 0..rows-1} of {@code in} into {@code out} (allocated here).
     *
     * @return false when a value cannot be computed exactly or does not fit the column: the caller then evaluates the
     *     batch row by row, overwriting what was written
     */
    boolean run(FieldVector[] in, int rows, FieldVector out) {
        ((BaseFixedWidthVector) out).allocateNew(rows);
        int[] inputs = this.inputs;
        Node root = this.root;
        Writer writer = this.writer;
        try {
            for (int r = 0; r < rows; r++) {
                boolean isNull = false;
                for (int column : inputs) {
                    if (in[column].isNull(r)) {
                        isNull = true;
                        break;
                    }
                }
                if (isNull) {
                    ((BaseFixedWidthVector) out).setNull(r);
                } else if (!writer.write(out, r, root.value(in, r))) {
                    return false;
                }
            }
        } catch (ArithmeticException overflow) {
            return false;
        }
        return true;
    }
}
