/**
 * The transactional outbox. A service that changes its data and must tell others writes the event into
 * {@code outbox_message} in the same transaction; the relay sends committed rows to Kafka, waits for the
 * broker's acknowledgement and only then deletes them. A crash loses nothing: rows not yet acknowledged
 * are sent again, and consumers drop what they already processed by event id.
 * <p>
 * Written here rather than taken from Spring Modulith's event publication registry because the relay
 * needs to batch (one round trip per few hundred events), run on several instances at once
 * ({@code FOR UPDATE SKIP LOCKED}) and keep each key's order; the table and the loop are small.
 */
@NullMarked
package org.communitycarbon.support.outbox;

import org.jspecify.annotations.NullMarked;
