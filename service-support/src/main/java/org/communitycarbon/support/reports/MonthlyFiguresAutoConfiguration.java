package org.communitycarbon.support.reports;

import java.time.Clock;
import java.util.List;

import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;

import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.outbox.OutboxAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishes the monthly figures of a service that declares a {@link MonthlyFiguresSource}. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean({MonthlyFiguresSource.class, Outbox.class})
@EnableConfigurationProperties(MonthlyFiguresProperties.class)
public class MonthlyFiguresAutoConfiguration {

    @Bean
    MonthlyFiguresPublisher monthlyFiguresPublisher(MonthlyFiguresSource source, Outbox outbox, JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager, MonthlyFiguresProperties settings, ObjectProvider<Clock> clock) {
        return new MonthlyFiguresPublisher(source, outbox, jdbc, new TransactionTemplate(transactionManager), settings,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    KafkaAdmin.NewTopics monthlyFiguresTopic(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(ReportTopics.MONTHLY_FIGURES), List.of());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    MonthlyFiguresController monthlyFiguresController(MonthlyFiguresPublisher publisher, MonthlyFiguresSource source, JdbcTemplate jdbc) {
        return new MonthlyFiguresController(publisher, source, jdbc);
    }
}
