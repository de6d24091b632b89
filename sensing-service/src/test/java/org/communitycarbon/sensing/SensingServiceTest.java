package org.communitycarbon.sensing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitycarbon.testing.UsesEmbeddedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The sensing service against the embedded servers; every test class shares one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SensingServiceApplication.class, properties = {
        "spring.config.name=" + SensingServiceApplication.NAME,
        "platform.mqtt.client-id=platform-sensing-test",
        // commands expire within a test's patience (DeviceCommandsIT)
        "sensing.commands.timeout=6s",
        // tests count monthly figures themselves (MonthlyFiguresPublisher.publish), never the scheduler
        "platform.reports.enabled=false"})
@AutoConfigureMockMvc
@UsesEmbeddedInfrastructure
public @interface SensingServiceTest {
}
