package org.communitycarbon.accounting;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitycarbon.testing.UsesEmbeddedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The carbon-accounting service against the embedded servers; every test class shares one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CarbonAccountingServiceApplication.class, properties = {
        "spring.config.name=" + CarbonAccountingServiceApplication.NAME,
        // tests settle months themselves (SavingsSettlement.settle), never the scheduler behind their backs
        "accounting.savings.enabled=false",
        // tests record readings of past years and purge raw readings themselves (RawReadingRetention.purge)
        "accounting.retention.enabled=false",
        // tests count monthly figures themselves (MonthlyFiguresPublisher.publish), never the scheduler
        "platform.reports.enabled=false"})
@AutoConfigureMockMvc
@UsesEmbeddedInfrastructure
public @interface AccountingServiceTest {
}
