package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.inject.SourceBeanRegistrar;
import io.laminardb.spring.autoconfigure.inject.SourceHandleFactory;
import io.laminardb.spring.autoconfigure.sink.LaminarSinkAnnotationBeanPostProcessor;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.laminardb.spring.autoconfigure.source.LaminarSourceAnnotationBeanPostProcessor;
import io.laminardb.spring.autoconfigure.source.LaminarSourceMethods;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.io.ResourceLoader;

/**
 * The embedded {@link LaminarDB}: one database built from {@code laminar.*}, the schema scripts run into it, its
 * pipeline started and stopped with the application, sources injectable as {@code Source<T>}, {@code @LaminarSink}
 * methods fed from their streams, and {@code @LaminarSource} methods producing into their sources. Each bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(LaminarDB.class)
@EnableConfigurationProperties(LaminarProperties.class)
public final class LaminarAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LaminarConfig laminarConfig(LaminarProperties properties, ObjectProvider<LaminarConfigCustomizer> customizers) {
        LaminarConfig.Builder builder = LaminarConfig.builder()
                .cpuAffinity(properties.isCpuAffinity())
                .sourceDefaults(properties.getSourceDefaults().toConfig());
        if (properties.getCores() != null) {
            builder.cores(properties.getCores());
        }
        properties.applyDurability(builder);
        for (Map.Entry<String, LaminarProperties.SourceSettings> source :
                properties.getSources().entrySet()) {
            builder.sourceConfig(source.getKey(), properties.sourceConfig(source.getValue()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** The Kafka connector's defaults from {@code spring.kafka.*}; see {@link SpringKafkaDefaults}. */
    @Bean
    LaminarConfigCustomizer laminarSpringKafkaDefaults(org.springframework.core.env.Environment environment) {
        return new SpringKafkaDefaults(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    LaminarSchema laminarSchema(LaminarProperties properties, ResourceLoader resourceLoader) {
        return LaminarSchema.load(resourceLoader, properties.getSchemaLocations());
    }

    /** Opened with the schema applied; its pipeline is started by {@link LaminarLifecycle}, and closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LaminarDB laminarDB(LaminarConfig config, LaminarSchema schema) {
        LaminarDB db = LaminarDB.open(config);
        try {
            schema.applyTo(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    @Bean
    @ConditionalOnMissingBean
    LaminarLifecycle laminarLifecycle(
            LaminarDB db, ObjectProvider<PipelineAttachment> attachments, LaminarProperties properties) {
        return new LaminarLifecycle(db, attachments.orderedStream().toList(), properties);
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static SourceBeanRegistrar laminarSourceBeanRegistrar() {
        return new SourceBeanRegistrar();
    }

    @Bean(SourceBeanRegistrar.FACTORY_BEAN_NAME)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    SourceHandleFactory laminarSourceHandleFactory(LaminarDB db) {
        return new SourceHandleFactory(db);
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LaminarSinkAnnotationBeanPostProcessor laminarSinkAnnotationBeanPostProcessor() {
        return new LaminarSinkAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    LaminarSinks laminarSinks(LaminarSinkAnnotationBeanPostProcessor methods, LaminarProperties properties) {
        return new LaminarSinks(methods, properties);
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LaminarSourceAnnotationBeanPostProcessor laminarSourceAnnotationBeanPostProcessor() {
        return new LaminarSourceAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    LaminarSourceMethods laminarSourceMethods(LaminarSourceAnnotationBeanPostProcessor methods) {
        return new LaminarSourceMethods(methods);
    }
}
