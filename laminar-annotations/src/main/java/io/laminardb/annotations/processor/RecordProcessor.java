package io.laminardb.annotations.processor;

import com.palantir.javapoet.ClassName;
import io.laminardb.annotations.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates a {@code RecordType} implementation for every type annotated with {@link Record}.
 *
 * <p>Registered in {@code META-INF/services/javax.annotation.processing.Processor}. Errors are reported on the
 * offending element and processing continues, so one compilation shows every mistake. A type whose fields refer to
 * types not generated yet (by another processor, in a later round) is retried in the next round.
 */
public final class RecordProcessor extends AbstractProcessor {

    private final Set<String> deferred = new LinkedHashSet<>();
    private final Set<String> written = new HashSet<>();
    private RecordTypeWriter writer;
    private boolean engineChecked;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        TypeElement generated = env.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
        writer = new RecordTypeWriter(generated == null ? null : ClassName.get(generated));
    }

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
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.add(type);
            }
        }
        deferred.clear();
        for (Element element : round.getElementsAnnotatedWith(Record.class)) {
            if (element instanceof TypeElement type) {
                types.add(type);
            }
        }
        if (types.isEmpty() || !engineOnClassPath(types.get(0))) {
            return false;
        }
        RecordAnalyzer analyzer = new RecordAnalyzer(processingEnv);
        for (TypeElement type : types) {
            String name = type.getQualifiedName().toString();
            if (written.contains(name)) {
                continue;
            }
            try {
                analyzer.analyze(type).ifPresent(this::generate);
            } catch (RecordAnalyzer.DeferredException e) {
                // A field's type does not exist yet; javac reports it if it never appears.
                deferred.add(name);
            }
        }
        return false;
    }

    private boolean engineOnClassPath(TypeElement first) {
        if (engineChecked) {
            return true;
        }
        if (processingEnv.getElementUtils().getTypeElement(ArrowNames.RECORD_TYPE_NAME) == null) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, Messages.ENGINE_MISSING.format(first.getSimpleName()), first);
            return false;
        }
        engineChecked = true;
        return true;
    }

    private void generate(RecordDescriptor record) {
        written.add(record.element().getQualifiedName().toString());
        try {
            writer.write(record).writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            "Could not write " + record.generatedClassName() + ": " + e.getMessage(),
                            record.element());
        }
    }
}
