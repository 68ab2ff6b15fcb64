package io.laminardb.spring.autoconfigure.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.Quote;
import io.laminardb.spring.autoconfigure.Trade;
import io.laminardb.spring.autoconfigure.WrongTrade;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code Source<T>} injection: by field or parameter name, by {@code @Qualifier}, and the errors. */
class SourceInjectionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues(
                    "laminar.cores=1",
                    "laminar.schema-locations=classpath:laminar/trades.sql,classpath:laminar/quotes.sql");

    @Test
    void fieldNameNamesTheSourceAndGenericTypeTheRecord() {
        runner.withUserConfiguration(FieldInjection.class).run(context -> {
            FieldInjection bean = context.getBean(FieldInjection.class);
            assertThat(bean.trades.name()).isEqualTo("trades");
            assertThat(bean.quotes.name()).isEqualTo("quotes");

            LaminarDB db = context.getBean(LaminarDB.class);
            try (Subscription<Row> rows = db.subscribe("quotes")) {
                bean.quotes.push(new Quote("AAPL", 190.5));
                Row row = rows.poll(Duration.ofSeconds(5));
                assertThat(row.getString("symbol")).isEqualTo("AAPL");
                assertThat(row.getDouble("bid")).isEqualTo(190.5);
            }
        });
    }

    @Test
    void qualifierNamesTheSourceWhateverTheFieldIsCalled() {
        runner.withUserConfiguration(QualifiedInjection.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(QualifiedInjection.class).feed.name()).isEqualTo("trades");
        });
    }

    @Test
    void constructorParametersAreInjectedByName() {
        runner.withUserConfiguration(ConstructorInjection.class).run(context -> {
            ConstructorInjection bean = context.getBean(ConstructorInjection.class);
            assertThat(bean.trades.name()).isEqualTo("trades");
            assertThat(bean.quotes.name()).isEqualTo("quotes");
        });
    }

    @Test
    void aRecordThatDoesNotFitTheSourceFailsStartUpNamingTheColumnAndBothTypes() {
        runner.withUserConfiguration(MismatchedInjection.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("qty")
                        .hasMessageContaining("BIGINT")
                        .hasMessageContaining("VARCHAR"));
    }

    @Test
    void aSourceWithoutRecordTypeFailsStartUpSayingHowToDeclareIt() {
        runner.withUserConfiguration(RawInjection.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("Cannot inject source 'trades'")
                        .hasMessageContaining("Source<Trade> trades"));
    }

    @Test
    void aBeanOfTheSameNameKeepsItsNameAndTheSourceIsNotRegistered() {
        runner.withUserConfiguration(ClashingBean.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("quotes")).isEqualTo("not a source");
            assertThat(context.getBeanFactory().getBeanDefinition("trades").getDescription())
                    .isEqualTo("LaminarDB source 'trades'");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class FieldInjection {
        @Autowired
        Source<Trade> trades;

        @Autowired
        Source<Quote> quotes;
    }

    @Configuration(proxyBeanMethods = false)
    static class QualifiedInjection {
        @Autowired
        @Qualifier("trades")
        Source<Trade> feed;
    }

    @Configuration(proxyBeanMethods = false)
    @Import(ConstructorInjection.Holder.class)
    static class ConstructorInjection {
        Source<Trade> trades;
        Source<Quote> quotes;

        @Bean
        String holder(Source<Trade> trades, Source<Quote> quotes) {
            this.trades = trades;
            this.quotes = quotes;
            return "held";
        }

        static class Holder {}
    }

    @Configuration(proxyBeanMethods = false)
    static class MismatchedInjection {
        @Autowired
        Source<WrongTrade> trades;
    }

    @Configuration(proxyBeanMethods = false)
    static class RawInjection {
        @Autowired
        @SuppressWarnings("rawtypes")
        Source trades;
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingBean {
        @Bean
        String quotes() {
            return "not a source";
        }
    }
}
