package org.communitycarbon.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitycarbon.support.fixture.SupportFixtureApplication;
import org.communitycarbon.testing.UsesEmbeddedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The fixture service against the embedded servers; one cached context for every test class. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SupportFixtureApplication.class, properties = "spring.config.name=support-test")
@AutoConfigureMockMvc
@UsesEmbeddedInfrastructure
@interface SupportFixtureTest {
}
