package io.laminardb.spring.autoconfigure.inject;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.SourceInfo;
import io.laminardb.spring.autoconfigure.LaminarSchema;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers a {@code Source<T>} bean definition for each source the schema scripts create, named after the source. See
 * the package documentation for why the scripts run here once.
 */
public final class SourceBeanRegistrar
        implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, ResourceLoaderAware {

    /** The bean that makes the handles. */
    public static final String FACTORY_BEAN_NAME = "laminarSourceHandleFactory";

    private static final Logger log = LoggerFactory.getLogger(SourceBeanRegistrar.class);

    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> locations = Binder.get(environment)
                .bind("laminar.schema-locations", Bindable.listOf(String.class))
                .orElse(List.of("optional:classpath:schema.sql"));
        LaminarSchema schema = LaminarSchema.load(resourceLoader, locations);
        for (String source : sourcesCreatedBy(schema)) {
            if (registry.containsBeanDefinition(source)) {
                log.warn(
                        "A bean named '{}' exists already, so source '{}' cannot be injected as Source<T>; use"
                                + " LaminarDB.source(\"{}\", T.class) instead",
                        source,
                        source,
                        source);
                continue;
            }
            registry.registerBeanDefinition(source, definition(source));
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    /** Runs the scripts on a scratch database that never starts, and lists the sources they create. */
    private static List<String> sourcesCreatedBy(LaminarSchema schema) {
        try (LaminarDB scratch = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            schema.applyTo(scratch);
            return scratch.sources().stream().map(SourceInfo::name).toList();
        }
    }

    /** A prototype made per injection point by {@link SourceHandleFactory#source}, which reads the record type there. */
    private static BeanDefinition definition(String source) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setFactoryBeanName(FACTORY_BEAN_NAME);
        definition.setFactoryMethodName("source");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, source);
        definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        definition.setScope(BeanDefinition.SCOPE_PROTOTYPE);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        definition.setDescription("LaminarDB source '" + source + "'");
        return definition;
    }
}
