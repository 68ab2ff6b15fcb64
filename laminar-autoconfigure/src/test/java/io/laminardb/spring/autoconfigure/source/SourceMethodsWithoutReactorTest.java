package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * reactor-core is optional: the source-method classes load, link and read a method's shape without it, and only the
 * {@code Flux} reader needs it.
 */
class SourceMethodsWithoutReactorTest {

    private static final String PACKAGE = SourceShape.class.getPackageName() + ".";

    @Test
    void sourceMethodClassesWorkWithoutReactor() throws Exception {
        try (WithoutReactor loader = new WithoutReactor()) {
            assertThatExceptionOfType(ClassNotFoundException.class)
                    .isThrownBy(() -> loader.loadClass("reactor.core.publisher.Flux"));
            for (Class<?> type : new Class<?>[] {
                SourceShape.class,
                SourceRunner.class,
                LaminarSourceMethods.class,
                LaminarSourceAnnotationBeanPostProcessor.class,
                CountingSource.class
            }) {
                Class<?> isolated = Class.forName(type.getName(), true, loader);
                assertThat(isolated.getClassLoader()).isSameAs(loader);
                assertThat(isolated.getDeclaredMethods()).isNotEmpty();
            }
            Class<?> shapes = Class.forName(SourceShape.class.getName(), true, loader);
            Method reactorPresent = shapes.getDeclaredMethod("reactorPresent");
            reactorPresent.setAccessible(true);
            assertThat(reactorPresent.invoke(null)).isEqualTo(false);

            Method of = shapes.getDeclaredMethod("of", Method.class, String.class);
            of.setAccessible(true);
            Object shape = of.invoke(null, Feed.class.getDeclaredMethod("next"), "feed");
            assertThat(shape).hasToString("Tick");
        }
    }

    static class Feed {
        Tick next() {
            return null;
        }
    }

    /** Loads this package's classes itself and refuses reactor's; everything else comes from the parent. */
    private static final class WithoutReactor extends URLClassLoader {

        WithoutReactor() {
            super(classPath(), SourceMethodsWithoutReactorTest.class.getClassLoader());
        }

        private static URL[] classPath() {
            return new URL[] {
                SourceShape.class.getProtectionDomain().getCodeSource().getLocation()
            };
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("reactor.") || name.startsWith("org.reactivestreams.")) {
                    throw new ClassNotFoundException(name + " (hidden by the test)");
                }
                if (name.startsWith(PACKAGE)
                        && !name.contains("Test")
                        && !name.endsWith(".Tick")
                        && !name.contains("Tick_")) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(loaded);
                    }
                    return loaded;
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
