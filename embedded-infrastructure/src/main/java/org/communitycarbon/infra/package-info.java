/**
 * Real servers inside the JVM, with nothing installed on the machine: PostgreSQL from the zonky
 * binaries, a Kafka KRaft broker from spring-kafka-test, and the HiveMQ Community Edition MQTT broker.
 * The tests start them once per JVM ({@link EmbeddedInfrastructure#shared()}); the local platform
 * starts them on fixed ports.
 */
@NullMarked
package org.communitycarbon.infra;

import org.jspecify.annotations.NullMarked;
