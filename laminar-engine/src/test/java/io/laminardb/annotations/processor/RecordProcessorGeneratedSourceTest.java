package io.laminardb.annotations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.laminardb.annotations.processor.RecordSources.compile;
import static io.laminardb.annotations.processor.RecordSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.laminardb.annotations.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor generates for valid {@code @Record} types: golden files pin the generated code, the other tests
 * check that each way of declaring a record compiles.
 */
class RecordProcessorGeneratedSourceTest {

    private static final JavaFileObject TRADE = JavaFileObjects.forSourceLines(
            "test.Trade",
            "package test;",
            "",
            "import io.laminardb.annotations.EventTime;",
            "import io.laminardb.annotations.Record;",
            "import java.time.Instant;",
            "",
            "@Record",
            "public record Trade(String symbol, double price, long qty, @EventTime Instant ts) {}");

    private static final JavaFileObject POINT = JavaFileObjects.forSourceLines(
            "test.Point",
            "package test;",
            "",
            "import io.laminardb.annotations.Record;",
            "",
            "@Record",
            "public record Point(double x, double y) {}");

    private static final JavaFileObject ROUTE = JavaFileObjects.forSourceLines(
            "test.Route",
            "package test;",
            "",
            "import io.laminardb.annotations.Record;",
            "import java.util.List;",
            "",
            "@Record",
            "public record Route(String name, Point origin, List<String> stops) {}");

    @Test
    void tradeRecordTypeMatchesTheGoldenFile() {
        Compilation compilation = compile(TRADE);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Trade_RecordType")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/Trade_RecordType.java"));
    }

    @Test
    void generatedTypeCarriesGenerated() {
        Compilation compilation = compile(TRADE);

        assertThat(compilation)
                .generatedSourceFile("test.Trade_RecordType")
                .contentsAsUtf8String()
                .contains("@Generated(\"io.laminardb.annotations.processor.RecordProcessor\")");
        assertThat(compilation)
                .generatedSourceFile("test.Trade_RecordType")
                .contentsAsUtf8String()
                .contains("import javax.annotation.processing.Generated;");
    }

    @Test
    void nestedRecordAndListHelpersMatchTheGoldenFile() {
        Compilation compilation = compile(POINT, ROUTE);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Route_RecordType")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/Route_RecordType.java"));
    }

    @Test
    void generatedCodeCompilesWithoutWarningsUnderTheBuildsLintFlags() {
        // The build compiles with -Xlint:all,-processing,-serial; generated code must not add warnings to it.
        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordProcessor())
                .withOptions("-Xlint:all,-processing,-serial")
                .compile(TRADE, POINT, ROUTE);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Route_RecordType");
    }

    @Test
    void classWithNoArgConstructorAndSettersCompiles() {
        JavaFileObject file = source(
                "Account",
                "@Record",
                "public class Account {",
                "    private String owner;",
                "    private boolean active;",
                "",
                "    public Account() {}",
                "",
                "    public String getOwner() {",
                "        return owner;",
                "    }",
                "",
                "    public void setOwner(String owner) {",
                "        this.owner = owner;",
                "    }",
                "",
                "    public boolean isActive() {",
                "        return active;",
                "    }",
                "",
                "    public void setActive(boolean active) {",
                "        this.active = active;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Account_RecordType")
                .contentsAsUtf8String()
                .contains("instance.setOwner(val0);");
        assertThat(compilation)
                .generatedSourceFile("test.Account_RecordType")
                .contentsAsUtf8String()
                .contains("boolean val1 = record.isActive();");
    }

    @Test
    void classWithAPublicAllFieldsConstructorCompiles() {
        JavaFileObject file = source(
                "Position",
                "@Record",
                "public class Position {",
                "    private final String symbol;",
                "    public final long qty;",
                "",
                "    public Position(String symbol, long qty) {",
                "        this.symbol = symbol;",
                "        this.qty = qty;",
                "    }",
                "",
                "    public String symbol() {",
                "        return symbol;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Position_RecordType")
                .contentsAsUtf8String()
                .contains("return new Position(val0, val1);");
        assertThat(compilation)
                .generatedSourceFile("test.Position_RecordType")
                .contentsAsUtf8String()
                .contains("long val1 = record.qty;");
    }

    @Test
    void nestedRecordTypeIsNamedAfterItsEnclosingTypes() {
        JavaFileObject file =
                source("Outer", "public class Outer {", "    @Record", "    public record Inner(int value) {}", "}");

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Outer_Inner_RecordType")
                .contentsAsUtf8String()
                .contains("implements RecordType<Outer.Inner>");
    }

    @Test
    void recordWhoseFieldTypeIsGeneratedInALaterRoundIsDeferredUntilItExists() {
        JavaFileObject holder = source("Holder", "@Record", "public record Holder(String name, Later later) {}");

        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordProcessor(), new LaterRecordGenerator())
                .compile(holder);

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Later_RecordType");
        assertThat(compilation)
                .generatedSourceFile("test.Holder_RecordType")
                .contentsAsUtf8String()
                .contains("Later val1 = record.later();");
    }

    /**
     * Stands for another annotation processor: when it sees the {@code @Record} type {@code test.Holder}, it generates
     * the {@code @Record} type {@code test.Later} that Holder refers to, so Later exists only from the second round.
     */
    static final class LaterRecordGenerator extends AbstractProcessor {

        private boolean generated;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(Record.class.getCanonicalName());
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (Element element : round.getElementsAnnotatedWith(Record.class)) {
                if (!generated
                        && element instanceof TypeElement type
                        && type.getQualifiedName().contentEquals("test.Holder")) {
                    generated = true;
                    writeLater(type);
                }
            }
            return false;
        }

        private void writeLater(TypeElement origin) {
            try {
                JavaFileObject file = processingEnv.getFiler().createSourceFile("test.Later", origin);
                try (Writer writer = file.openWriter()) {
                    writer.write("package test;\n\n@io.laminardb.annotations.Record\n"
                            + "public record Later(String note, long count) {}\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
