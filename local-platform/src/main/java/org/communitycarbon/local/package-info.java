/**
 * The whole platform in one JVM: embedded PostgreSQL, Kafka and MQTT broker, the gateway and the five
 * services, each a Spring Boot application of its own on its own port, and the simulated community.
 * The end-to-end tests start the same thing on free ports.
 */
@NullMarked
package org.communitycarbon.local;

import org.jspecify.annotations.NullMarked;
