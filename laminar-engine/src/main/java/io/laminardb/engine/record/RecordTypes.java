package io.laminardb.engine.record;

import io.laminardb.annotations.Record;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;

/**
 * Finds the {@link RecordType} that the annotation processor generated for a {@code @Record} class.
 *
 * <p>Lookups are cached per class; after the first call for a class, {@link #of} costs a hash lookup. Safe to call from
 * any thread.
 */
public final class RecordTypes {

    /** Suffix of the generated class, appended to the record's binary name with {@code $} replaced by {@code _}. */
    public static final String GENERATED_SUFFIX = "_RecordType";

    private static final ClassValue<RecordType<?>> CACHE = new ClassValue<>() {
        @Override
        protected RecordType<?> computeValue(Class<?> type) {
            return load(type);
        }
    };

    private RecordTypes() {}

    /**
     * Returns the generated record type of {@code recordClass}.
     *
     * @throws IllegalArgumentException if the class is not annotated with {@code @Record}, or was compiled without the
     *     LaminarDB annotation processor (the message says how to enable it)
     */
    @SuppressWarnings("unchecked")
    public static <T> RecordType<T> of(Class<T> recordClass) {
        Objects.requireNonNull(recordClass, "recordClass");
        return (RecordType<T>) CACHE.get(recordClass);
    }

    /** Returns the name of the class generated for {@code recordClass}. */
    public static String generatedClassName(Class<?> recordClass) {
        String name = recordClass.getName();
        String packageName = recordClass.getPackageName();
        String simple = packageName.isEmpty() ? name : name.substring(packageName.length() + 1);
        String generated = simple.replace('$', '_') + GENERATED_SUFFIX;
        return packageName.isEmpty() ? generated : packageName + '.' + generated;
    }

    private static RecordType<?> load(Class<?> recordClass) {
        if (!recordClass.isAnnotationPresent(Record.class)) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a LaminarDB record type: annotate it"
                    + " with @io.laminardb.annotations.Record and compile it with laminar-annotations on the compile"
                    + " class path.");
        }
        String generatedName = generatedClassName(recordClass);
        Class<?> generated;
        try {
            generated = Class.forName(generatedName, true, recordClass.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(notProcessedMessage(recordClass, generatedName), e);
        }
        if (!RecordType.class.isAssignableFrom(generated)) {
            throw new IllegalArgumentException(generatedName + " does not implement " + RecordType.class.getName()
                    + "; rename that class, its name is reserved for the type generated for " + recordClass.getName());
        }
        try {
            RecordType<?> type = (RecordType<?>) generated.getConstructor().newInstance();
            if (type.recordClass() != recordClass) {
                throw new IllegalArgumentException(
                        generatedName + " converts " + type.recordClass().getName() + ", not " + recordClass.getName()
                                + "; clean and rebuild the project");
            }
            return type;
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(
                    "Cannot instantiate " + generatedName + "; clean and rebuild the project", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Initialising " + generatedName + " failed", e.getCause());
        }
    }

    private static String notProcessedMessage(Class<?> recordClass, String generatedName) {
        return recordClass.getName() + " is annotated with @Record, but " + generatedName + " was not generated: the"
                + " LaminarDB annotation processor did not run when " + recordClass.getSimpleName() + " was compiled."
                + " On JDK 17 to 22 it runs when laminar-annotations is on the compile class path. On JDK 23 and"
                + " newer, pass -proc:full to javac, or list the processor in Maven's compiler plugin:"
                + " <annotationProcessorPaths><path><groupId>io.laminardb</groupId>"
                + "<artifactId>laminar-annotations</artifactId><version>${laminar.version}</version></path>"
                + "</annotationProcessorPaths> (Gradle: annotationProcessor 'io.laminardb:laminar-annotations')."
                + " If an IDE compiled the class, enable annotation processing in its compiler settings."
                + " See docs/records.md.";
    }
}
