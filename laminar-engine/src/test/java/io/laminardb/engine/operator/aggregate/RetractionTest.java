package io.laminardb.engine.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/** Retracting rows of a changelog input: each function falls back to what the remaining rows give. */
class RetractionTest {

    private final PlannedAggregate plan = PlannedAggregate.plan(
            "SELECT MAX(i), MIN(k), SUM(d), COUNT(DISTINCT i), SUM(i), VAR_SAMP(d), SINGLE_VALUE(i), STDDEV_POP(b),"
                    + " COUNT(*) FILTER (WHERE bo) FROM t");

    @Test
    void maxAfterRetractingTheMaximumIsTheNextLargest() {
        AggregateState max = plan.function(0, true).createState();
        max.add(plan.row("i", 5));
        max.add(plan.row("i", 9));
        max.add(plan.row("i", 7));
        max.retract(plan.row("i", 9));

        assertThat(max.result()).isEqualTo(7);
    }

    @Test
    void minStaysUntilEveryCopyOfTheMinimumIsRetracted() {
        AggregateState min = plan.function(1, true).createState();
        min.add(plan.row("k", "a"));
        min.add(plan.row("k", "a"));
        min.add(plan.row("k", "b"));
        min.retract(plan.row("k", "a"));
        assertThat(min.result()).isEqualTo("a");

        min.retract(plan.row("k", "a"));
        assertThat(min.result()).isEqualTo("b");

        min.retract(plan.row("k", "b"));
        assertThat(min.result()).isNull();
    }

    @Test
    void firstValueAfterRetractingTheFirstIsTheNextStillPresent() {
        AggregateState first = AggregateFunctions.of(
                        plan.call(SqlStdOperatorTable.FIRST_VALUE, plan.input("k"), -1), plan.inputRowType, true)
                .createState();
        first.add(plan.row("k", "x"));
        first.add(plan.row("k", "y"));
        first.add(plan.row("k", "z"));
        first.retract(plan.row("k", "y"));
        first.retract(plan.row("k", "x"));

        assertThat(first.result()).isEqualTo("z");
    }

    @Test
    void lastValueAfterRetractingTheLastFallsBackToThePreviousOne() {
        AggregateState last = AggregateFunctions.of(
                        plan.call(SqlStdOperatorTable.LAST_VALUE, plan.input("i"), -1), plan.inputRowType, true)
                .createState();
        last.add(plan.row("i", 1));
        last.add(plan.row("i", 2));
        last.add(plan.row("i", 3));
        last.retract(plan.row("i", 3));

        assertThat(last.result()).isEqualTo(2);
    }

    @Test
    void retractingARepeatedValueRemovesItsOldestOccurrence() {
        AggregateState first = AggregateFunctions.of(
                        plan.call(SqlStdOperatorTable.FIRST_VALUE, plan.input("k"), -1), plan.inputRowType, true)
                .createState();
        AggregateState last = AggregateFunctions.of(
                        plan.call(SqlStdOperatorTable.LAST_VALUE, plan.input("k"), -1), plan.inputRowType, true)
                .createState();
        for (String k : new String[] {"a", "b", "a"}) {
            first.add(plan.row("k", k));
            last.add(plan.row("k", k));
        }
        first.retract(plan.row("k", "a"));
        last.retract(plan.row("k", "a"));

        // What is left is b, a: the a that arrived first is gone.
        assertThat(first.result()).isEqualTo("b");
        assertThat(last.result()).isEqualTo("a");
    }

    @Test
    void doubleSumKeepsASmallValueWhenAHugeOneIsRetracted() {
        AggregateState sum = plan.function(2, true).createState();
        sum.add(plan.row("d", 1e20));
        sum.add(plan.row("d", 1.0));
        sum.retract(plan.row("d", 1e20));

        assertThat(sum.result()).isEqualTo(1.0);
    }

    @Test
    void retractingAnInfinityLeavesTheFiniteSum() {
        AggregateState sum = plan.function(2, true).createState();
        sum.add(plan.row("d", Double.POSITIVE_INFINITY));
        sum.add(plan.row("d", 2.5));
        sum.add(plan.row("d", Double.NEGATIVE_INFINITY));
        assertThat(sum.result()).isEqualTo(Double.NaN);

        sum.retract(plan.row("d", Double.NEGATIVE_INFINITY));
        assertThat(sum.result()).isEqualTo(Double.POSITIVE_INFINITY);

        sum.retract(plan.row("d", Double.POSITIVE_INFINITY));
        assertThat(sum.result()).isEqualTo(2.5);
    }

    @Test
    void countDistinctForgetsAValueOnlyWhenItsLastCopyIsRetracted() {
        AggregateState count = plan.function(3, true).createState();
        count.add(plan.row("i", 1));
        count.add(plan.row("i", 1));
        count.add(plan.row("i", 2));
        count.retract(plan.row("i", 1));
        assertThat(count.result()).isEqualTo(2L);

        count.retract(plan.row("i", 1));
        assertThat(count.result()).isEqualTo(1L);
    }

    @Test
    void sumAfterRetractingEveryRowIsNullAgain() {
        AggregateState sum = plan.function(4, false).createState();
        sum.add(plan.row("i", 4));
        sum.add(plan.row("i", -4));
        sum.retract(plan.row("i", 4));
        sum.retract(plan.row("i", -4));

        assertThat(sum.result()).isNull();
    }

    @Test
    void sampleVarianceAfterRetractingAllButOneValueIsNullAndComesBackExactly() {
        AggregateState variance = plan.function(5, false).createState();
        variance.add(plan.row("d", 1e9 + 1));
        variance.add(plan.row("d", 1e9 + 2));
        variance.add(plan.row("d", 1e9 + 4));
        variance.retract(plan.row("d", 1e9 + 4));
        variance.retract(plan.row("d", 1e9 + 1));
        assertThat(variance.result()).isNull();

        variance.add(plan.row("d", 1e9 + 3));
        assertThat(variance.result()).isEqualTo(0.5);
    }

    @Test
    void singleValueAfterRetractingTheSecondRowIsTheFirst() {
        AggregateState single = plan.function(6, true).createState();
        single.add(plan.row("i", 1));
        single.add(plan.row("i", 2));
        single.retract(plan.row("i", 1));

        assertThat(single.result()).isEqualTo(2);
    }

    @Test
    void wholeNumberStandardDeviationRetractsExactlyBeyondSixtyFourBits() {
        AggregateState stddev = plan.function(7, false).createState();
        stddev.add(plan.row("b", Long.MAX_VALUE));
        stddev.add(plan.row("b", Long.MIN_VALUE));
        stddev.add(plan.row("b", 10L));
        stddev.add(plan.row("b", 14L));
        stddev.retract(plan.row("b", Long.MAX_VALUE));
        stddev.retract(plan.row("b", Long.MIN_VALUE));

        assertThat(stddev.result()).isEqualTo(2L);
    }

    @Test
    void retractingARowTheFilterRejectsChangesNothing() {
        AggregateState count = plan.function(8, true).createState();
        count.add(plan.row("bo", true));
        count.add(plan.row("bo", false));
        count.retract(plan.row("bo", false));
        count.retract(plan.row("bo", null));

        assertThat(count.result()).isEqualTo(1L);
    }
}
