package org.communitycarbon.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Publishes meter readings over MQTT QoS 1 from several connections ({@link RawMqttPublisher}), as fast as the
 * broker acknowledges them or at a fixed rate, and records when each was published. Message {@code i} is
 * reading number {@code i / D} of device {@code i % D}: one minute after the device's previous reading, its
 * register 0.1 kWh higher.
 */
final class LoadPublisher implements AutoCloseable {

    private final List<RawMqttPublisher> connections = new ArrayList<>();

    LoadPublisher(String url, int connections, @Nullable String username, @Nullable String password) {
        for (int c = 0; c < connections; c++) {
            // a gateway account's client ids start with its username and a slash; a platform account's may be anything
            // (those starting with platform- are exempt from the broker's back-pressure, which publishers must not be)
            String clientId = username != null && username.startsWith("gateway/") ? username + "/publisher-" + c
                    : "benchmark-publisher-" + c + "-" + System.nanoTime();
            this.connections.add(new RawMqttPublisher(url, clientId, username, password));
        }
    }

    /** What a run of the publisher did. */
    record Published(long[] publishedAtMicros, long firstNanos, long lastAcknowledgedNanos) {

        double offeredRate() {
            return publishedAtMicros.length / ((lastAcknowledgedNanos - firstNanos) / 1e9);
        }
    }

    /**
     * Publishes {@code count} readings.
     *
     * @param topicPrefix e.g. {@code cc/bench-1/electricity-meter/}; the device id and {@code /reading} follow
     * @param perSecond the target rate, or 0 for as fast as the broker acknowledges
     */
    Published publish(String topicPrefix, Workload workload, int count, double perSecond) throws InterruptedException {
        return publish(topicPrefix, workload, count, perSecond, () -> false);
    }

    /**
     * Publishes up to {@code count} readings, fewer when {@code enough} says so first; waits for the acknowledgement of
     * each one published.
     */
    Published publish(String topicPrefix, Workload workload, int count, double perSecond, BooleanSupplier enough)
            throws InterruptedException {
        long[] publishedAt = new long[count];
        byte[][] topics = new byte[workload.devices()][];
        for (int d = 0; d < topics.length; d++) {
            topics[d] = (topicPrefix + workload.deviceId(d) + "/reading").getBytes(StandardCharsets.UTF_8);
        }
        CountDownLatch acknowledged = new CountDownLatch(count);
        AtomicLong lastAck = new AtomicLong();
        long epochMicrosAtStart = Instant.now().toEpochMilli() * 1000;
        long start = System.nanoTime();
        long interval = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        int published = 0;
        for (; published < count && !enough.getAsBoolean(); published++) {
            int i = published;
            if (interval > 0) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            RawMqttPublisher connection = connections.get(i % connections.size());
            publishedAt[i] = epochMicrosAtStart + (System.nanoTime() - start) / 1000;
            connection.publish(topics[i % topics.length], workload.payload(i), at -> {
                lastAck.accumulateAndGet(at, Math::max);
                acknowledged.countDown();
            });
        }
        for (int unpublished = count - published; unpublished > 0; unpublished--) {
            acknowledged.countDown();
        }
        if (!acknowledged.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the broker did not acknowledge every publish within 10 minutes");
        }
        return new Published(published == count ? publishedAt : Arrays.copyOf(publishedAt, published), start, lastAck.get());
    }

    @Override
    public void close() {
        connections.forEach(RawMqttPublisher::close);
    }
}
