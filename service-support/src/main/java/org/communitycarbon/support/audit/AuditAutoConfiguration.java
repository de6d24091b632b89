package org.communitycarbon.support.audit;

import java.time.Clock;
import java.util.List;

import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.outbox.OutboxAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit trail ({@link AuditTrail}) of a service that has an outbox: a filter around Spring Security and Spring
 * MVC, and the {@value AuditTopics#AUDIT} topic it writes to.
 */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Outbox.class)
public class AuditAutoConfiguration {

    /** Right after the body limit, so a body refused unread costs no audit write; before Spring Security. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    FilterRegistrationBean<AuditTrail> auditTrail(Environment environment, Outbox outbox,
            PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock, MeterRegistry meters) {
        AuditTrail trail = new AuditTrail(environment.getRequiredProperty("spring.application.name"), outbox,
                new TransactionTemplate(transactionManager), clock.getIfAvailable(Clock::systemUTC), meters);
        FilterRegistrationBean<AuditTrail> registration = new FilterRegistrationBean<>(trail);
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    KafkaAdmin.NewTopics auditTopic(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(AuditTopics.AUDIT), List.of());
    }
}
