package org.communitycarbon.support.outbox;

import java.time.Clock;
import java.time.Duration;

import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.MessagingAutoConfiguration;
import org.communitycarbon.support.persistence.SupportTablesAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

@AutoConfiguration(after = {MessagingAutoConfiguration.class, SupportTablesAutoConfiguration.class},
        afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnBean({KafkaTemplate.class, JdbcTemplate.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    /** A relay that has not completed a round for this long is reported DOWN. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(1);

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, KafkaTemplate<?, ?> kafka,
            OutboxProperties settings, MeterRegistry meters, ObjectProvider<Clock> clock) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), (KafkaTemplate<String, byte[]>) kafka,
                settings, meters, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        return new Outbox(jdbc, codec, relay);
    }

    @Bean
    InboxCleanup inboxCleanup(JdbcTemplate jdbc, OutboxProperties settings) {
        return new InboxCleanup(jdbc, settings.inboxRetention());
    }

    /** UP while the relay completes rounds; DOWN, with the failure, once it has not for a minute. */
    @Bean
    HealthIndicator outboxRelayHealth(OutboxRelay relay, ObjectProvider<Clock> clock) {
        return () -> {
            OutboxRelay.Status status = relay.status();
            boolean stalled = status.lastFailure() != null
                    && status.lastRound().plus(STALLED_AFTER).isBefore(clock.getIfAvailable(Clock::systemUTC).instant());
            Health.Builder health = stalled ? Health.down() : Health.up();
            health.withDetail("leader", status.leader())
                    .withDetail("lastRound", status.lastRound().toString())
                    .withDetail("waiting", status.waiting());
            if (status.lastFailure() != null) {
                health.withDetail("lastFailure", status.lastFailure());
            }
            return health.build();
        };
    }
}
