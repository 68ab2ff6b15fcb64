package io.laminardb.annotations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.laminardb.annotations.processor.RecordSources.compile;
import static io.laminardb.annotations.processor.RecordSources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Errors about single fields of a {@code @Record}: their types, {@code @EventTime}, and {@code @Column} names,
 * precision and scale. Each must be reported on the offending record component's line, so each source puts one
 * component on a line of its own. (javac before the fix of JDK-8295184, JDK 17 included, prints a message given a
 * {@code RecordComponentElement} without any position; the component's backing field carries one.)
 */
class RecordProcessorFieldErrorsTest {

    @Test
    void mapFieldIsReportedAsUnsupportedWithAHint() {
        JavaFileObject file = source(
                "Tagged",
                "@Record",
                "public record Tagged(",
                "        String name,",
                "        Map<String, Integer> tags) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'tags' has type java.util.Map<java.lang.String, java.lang.Integer>, which a"
                        + " @Record column cannot hold. Use a List of a nested @Record with key and value fields.")
                .inFile(file)
                .onLineContaining("Map<String, Integer> tags");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void plainClassFieldIsReportedAsUnsupportedWithAHintToAnnotateIt() {
        JavaFileObject money = source("Money", "public class Money {", "    public long cents;", "}");
        JavaFileObject file =
                source("Invoice", "@Record", "public record Invoice(", "        String id,", "        Money total) {}");

        Compilation compilation = compile(money, file);

        assertThat(compilation)
                .hadErrorContaining("Field 'total' has type test.Money, which a @Record column cannot hold. Annotate"
                        + " Money with @Record to store it as a nested struct.")
                .inFile(file)
                .onLineContaining("Money total");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void charFieldIsReportedAsUnsupportedWithAHintToUseString() {
        JavaFileObject file = source(
                "Student", "@Record", "public record Student(", "        String name,", "        char grade) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(
                        "Field 'grade' has type char, which a @Record column cannot hold. Use String for" + " text.")
                .inFile(file)
                .onLineContaining("char grade");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void recordContainingItselfIsReportedOnTheField() {
        JavaFileObject file =
                source("Node", "@Record", "public record Node(", "        String label,", "        Node next) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'next' makes Node contain itself (Node -> Node)")
                .inFile(file)
                .onLineContaining("Node next");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void cycleThroughAnotherRecordIsReportedWithTheChain() {
        JavaFileObject department = source(
                "Department",
                "@Record",
                "public record Department(",
                "        String name,",
                "        Employee head) {}");
        JavaFileObject employee = source(
                "Employee",
                "@Record",
                "public record Employee(",
                "        String name,",
                "        Department department) {}");

        Compilation compilation = compile(department, employee);

        assertThat(compilation)
                .hadErrorContaining("Field 'department' makes Department contain itself"
                        + " (Department -> Employee -> Department)")
                .inFile(employee)
                .onLineContaining("Department department");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void secondEventTimeFieldIsReported() {
        JavaFileObject file = source(
                "Tick",
                "@Record",
                "public record Tick(",
                "        @EventTime Instant created,",
                "        @EventTime long received) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@EventTime is on both 'created' and 'received'")
                .inFile(file)
                .onLineContaining("long received");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void eventTimeOnAStringIsReportedOnTheField() {
        JavaFileObject file = source(
                "Login", "@Record", "public record Login(", "        String user,", "        @EventTime String at) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@EventTime field 'at' has type java.lang.String; an event time must be a long")
                .inFile(file)
                .onLineContaining("@EventTime String at");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void twoFieldsWithTheSameColumnNameAreReportedOnTheSecond() {
        JavaFileObject file = source(
                "Quote",
                "@Record",
                "public record Quote(",
                "        @Column(\"price\") double bid,",
                "        @Column(\"price\") double ask) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Column name 'price' of field 'ask' is already used by field 'bid'")
                .inFile(file)
                .onLineContaining("double ask");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void columnNamesThatDifferOnlyInCaseAreDuplicates() {
        JavaFileObject file = source(
                "Sample", "@Record", "public record Sample(", "        @Column(\"x\") int a,", "        int X) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Column name 'X' of field 'X' is already used by field 'a' (column names must"
                        + " differ ignoring case)")
                .inFile(file)
                .onLineContaining("int X");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void blankColumnNameIsReportedOnTheField() {
        JavaFileObject file = source(
                "Label",
                "@Record",
                "public record Label(",
                "        long id,",
                "        @Column(\"  \") String text) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Column on field 'text' gives a blank name")
                .inFile(file)
                .onLineContaining("String text");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void scaleLargerThanPrecisionIsAnInvalidDecimal() {
        JavaFileObject file = source(
                "Payment",
                "@Record",
                "public record Payment(",
                "        long id,",
                "        @Column(precision = 10, scale = 12) BigDecimal amount) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(
                        "Field 'amount' is DECIMAL(10, 12): precision must be 1 to 38 and scale 0 to" + " precision.")
                .inFile(file)
                .onLineContaining("BigDecimal amount");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void precisionAboveThirtyEightIsAnInvalidDecimal() {
        JavaFileObject file = source(
                "Payment",
                "@Record",
                "public record Payment(",
                "        long id,",
                "        @Column(precision = 39) BigDecimal amount) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'amount' is DECIMAL(39, 0)")
                .inFile(file)
                .onLineContaining("BigDecimal amount");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nanosecondTimestampPrecisionIsReported() {
        JavaFileObject file = source(
                "Event",
                "@Record",
                "public record Event(",
                "        String name,",
                "        @Column(precision = 9) Instant at) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'at' has @Column(precision = 9); a timestamp column takes precision 3"
                        + " (milliseconds) or 6 (microseconds).")
                .inFile(file)
                .onLineContaining("Instant at");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void precisionOnAnIntIsReportedAsNotApplicable() {
        JavaFileObject file = source(
                "Order",
                "@Record",
                "public record Order(",
                "        String item,",
                "        @Column(precision = 5) int qty) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'qty' of type int sets @Column(precision); precision and scale apply only to"
                        + " BigDecimal, timestamp and LocalTime columns.")
                .inFile(file)
                .onLineContaining("int qty");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void scaleOnAnInstantIsReportedAsNotApplicable() {
        JavaFileObject file = source(
                "Event",
                "@Record",
                "public record Event(",
                "        String name,",
                "        @Column(scale = 2) Instant at) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'at' of type java.time.Instant sets @Column(scale)")
                .inFile(file)
                .onLineContaining("Instant at");
        assertThat(compilation).hadErrorCount(1);
    }
}
