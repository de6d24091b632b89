package org.communitycarbon.support.persistence;

import javax.sql.DataSource;

import org.communitycarbon.support.inbox.ProcessedEvents;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrates the outbox and inbox tables into the service's schema. Runs after the service's own Flyway
 * (so the schema already has its tables and history) with a history table of its own, so that this
 * library and each service version their tables independently; and as the same role as that Flyway (the
 * schema's owner, {@code spring.flyway.user}), not as the service's runtime role, which may create nothing.
 */
@AutoConfiguration(after = {FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnBean({DataSource.class, Flyway.class})
@EnableConfigurationProperties(PlatformDatabaseProperties.class)
public class SupportTablesAutoConfiguration {

    public static final String HISTORY_TABLE = "support_schema_history";

    @Bean
    @DependsOn("flywayInitializer")
    SupportTablesMigration supportTablesMigration(Flyway serviceFlyway, PlatformDatabaseProperties database) {
        return new SupportTablesMigration(serviceFlyway.getConfiguration().getDataSource(), database.schema());
    }

    @Bean
    @DependsOn("supportTablesMigration")
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    /** Applies {@code classpath:db/support} when the context starts. */
    static final class SupportTablesMigration implements InitializingBean {

        private final Flyway flyway;

        SupportTablesMigration(DataSource dataSource, String schema) {
            this.flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .table(HISTORY_TABLE)
                    .locations("classpath:db/support")
                    // The schema already holds the service's tables: start this history at 0.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
        }

        @Override
        public void afterPropertiesSet() {
            flyway.migrate();
        }
    }
}
