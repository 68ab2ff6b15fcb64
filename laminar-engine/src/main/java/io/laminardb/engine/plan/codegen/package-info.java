/**
 * Compiles Calcite row expressions to bytecode for the streaming operators: projections, filter conditions and fused
 * filter-and-project programs over {@code Object[]} rows in Calcite's internal representation.
 *
 * <p>We do not write a code generator of our own. Calcite already turns every {@code RexNode} it can run into Java, for
 * its {@code EnumerableCalc} and for constant reduction ({@code RexExecutorImpl}), with its null semantics, overflow
 * behaviour, casts and library functions; {@link io.laminardb.engine.plan.codegen.ExpressionCompiler} reuses that
 * translator and only supplies what a streaming engine differs in: input fields read from the row array, a clock read
 * at each evaluation rather than frozen for a statement, and one small class per expression list compiled by Janino and
 * cached, so the JIT sees straight-line code with no interpretation or virtual dispatch per operator.
 *
 * <p>A generated class holds no mutable state; its only allocations are the output array, the boxes of its values and
 * what Calcite's runtime functions allocate. Constant sub-expressions (DECIMAL literals, for example) are hoisted into
 * static fields by Calcite's own optimizer.
 */
package io.laminardb.engine.plan.codegen;
