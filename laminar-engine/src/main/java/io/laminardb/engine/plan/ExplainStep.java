package io.laminardb.engine.plan;

/**
 * One operator of a continuous query's plan, as {@code EXPLAIN} prints it.
 *
 * @param depth how deep in the tree: 0 for the query's output, its input one deeper
 * @param operator the operator ({@code WindowAggregate}, {@code Calc}, {@code Source}, ...)
 * @param details what it does: expressions, window, grouping, aggregates
 * @param state what it keeps between rows, {@code none} when nothing
 * @param emit when it hands rows on
 */
public record ExplainStep(int depth, String operator, String details, String state, String emit) {}
