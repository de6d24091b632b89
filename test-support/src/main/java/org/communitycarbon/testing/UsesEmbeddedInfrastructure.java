package org.communitycarbon.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the test's Spring context at the embedded PostgreSQL, Kafka and MQTT broker of this JVM
 * (started on first use, shared by every test class) and makes it trust {@link TestTokens}. The service logs in
 * to PostgreSQL as its schema's runtime role and migrates as the schema's owner, read from its
 * {@code platform.database.schema}, as in production ({@link TestDatabase} for other logins). Contexts with
 * the same configuration stay cached across test classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UsesEmbeddedInfrastructure {
}
