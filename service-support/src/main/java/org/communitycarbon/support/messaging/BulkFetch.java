package org.communitycarbon.support.messaging;

/**
 * Fetch settings for a listener of a topic that carries a stream (meter readings), as {@code @KafkaListener}
 * {@code properties}: the broker waits up to 200 ms for 256 KB, so a steady stream comes in batches of hundreds of records
 * — one transaction each — rather than a handful per round trip. Every other listener keeps the platform's default
 * ({@code service-defaults.yml}): the broker answers as soon as one record is there, and otherwise holds the fetch for up
 * to 5 s, so an idle consumer asks once every 5 s instead of five times a second (on the local run, 67 consumers: about a
 * third of a core before, an eighth after; docs/performance.md, the idle platform).
 */
public final class BulkFetch {

    /** Wait for this many bytes ({@code fetch.min.bytes}, 256 KB)... */
    public static final String MIN_BYTES = "fetch.min.bytes=262144";

    /** ...or this long ({@code fetch.max.wait.ms}). */
    public static final String MAX_WAIT = "fetch.max.wait.ms=200";

    private BulkFetch() {
    }
}
