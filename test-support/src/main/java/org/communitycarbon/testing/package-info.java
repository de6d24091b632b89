/**
 * Shared test glue. Annotate a Spring Boot test with {@link UsesEmbeddedInfrastructure} to run it against
 * the real PostgreSQL, Kafka and MQTT servers of this JVM; use {@link TestTokens} for a bearer token of
 * any role and scope; {@link EventsDocumentation} reads a topic's section of docs/events.md and its JSON example.
 */
@NullMarked
package org.communitycarbon.testing;

import org.jspecify.annotations.NullMarked;
