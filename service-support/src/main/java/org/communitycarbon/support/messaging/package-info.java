/**
 * Events on Kafka: JSON with a fixed payload type per topic, no Java class names in headers. Consumers
 * read raw bytes and decode them here, so that a record that cannot be read goes to the topic's
 * dead-letter topic ({@code <topic>-dlt}) with its reason and original bytes instead of stopping the
 * consumer.
 */
@NullMarked
package org.communitycarbon.support.messaging;

import org.jspecify.annotations.NullMarked;
