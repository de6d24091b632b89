package org.communitycarbon.credits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitycarbon.testing.UsesEmbeddedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The credits service against the embedded servers; every test class shares one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CreditsServiceApplication.class, properties = {
        "spring.config.name=" + CreditsServiceApplication.NAME,
        // tests count monthly figures themselves (MonthlyFiguresPublisher.publish), never the scheduler
        "platform.reports.enabled=false",
        // sorting reductions the tests publish without a bin's deposit wait this long for it, not a minute (BinAntiFraudIT
        // sends its deposits right after their reductions)
        "credits.earning.deposit-wait=PT5S"})
@AutoConfigureMockMvc
@UsesEmbeddedInfrastructure
public @interface CreditsServiceTest {
}
