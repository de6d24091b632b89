package org.communitycarbon.simulator.mqtt;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every message at least once, applying back-pressure instead of dropping:
 * <ul>
 * <li>at most {@code maxInFlight} messages (never more than the broker's Receive Maximum) await their
 * PUBACK; a caller that would exceed this waits for a slot;</li>
 * <li>when Paho still answers 32202 "too many publishes in progress", the caller waits for a delivery and
 * tries again;</li>
 * <li>while the broker is unreachable the caller waits and reconnects with back-off (1 s doubling to
 * 30 s), including the very first connection;</li>
 * <li>a message whose delivery failed because the connection dropped is published again before any new
 * one. A message the broker refuses (a PUBACK reason code of 0x80 or more, e.g. not authorised) is not
 * retried but counted as rejected.</li>
 * </ul>
 * {@link #publish} blocks the calling thread, which must be the caller's own (the simulator's report
 * thread), never Paho's callback thread: delivery callbacks here only release a slot and count.
 */
public final class ReliablePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReliablePublisher.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final PublishChannel channel;
    private final int maxInFlight;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private int inFlight;
    private int window;
    private final Queue<Outgoing> redeliveries = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private Duration retryDelay = FIRST_RETRY;
    private long nextConnectAttempt;
    private boolean everConnected;

    /** What the caller wants to know about its message once the broker has acknowledged it. */
    @FunctionalInterface
    public interface Acknowledged {
        void acknowledged();
    }

    private record Outgoing(String topic, byte[] payload, Acknowledged acknowledged) {
    }

    public ReliablePublisher(PublishChannel channel, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: must be at least 1, was " + maxInFlight);
        }
        this.channel = channel;
        this.maxInFlight = maxInFlight;
        this.window = maxInFlight;
        this.nextConnectAttempt = System.nanoTime();
    }

    /**
     * Publishes one message with QoS 1, first publishing again any message whose delivery failed. Returns
     * once the client has taken the message; blocks while the in-flight window is full or the broker is
     * unreachable.
     *
     * @throws InterruptedException when interrupted or closed while waiting; the message is then not sent
     */
    public void publish(String topic, byte[] payload, Acknowledged acknowledged) throws InterruptedException {
        Outgoing again;
        while ((again = redeliveries.poll()) != null) {
            republished.incrementAndGet();
            send(again);
        }
        send(new Outgoing(topic, payload, acknowledged));
    }

    private void send(Outgoing message) throws InterruptedException {
        while (true) {
            awaitConnection();
            takeSlot();
            Delivery delivery = new Delivery(message);
            try {
                channel.publish(message.topic(), message.payload(), delivery);
                return;
            }
            catch (MqttException e) {
                delivery.releaseSlot();
                switch (e.getReasonCode()) {
                    case MqttClientException.REASON_CODE_MAX_INFLIGHT -> awaitDelivery();
                    case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
                            MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
                            MqttClientException.REASON_CODE_CONNECTION_LOST -> {
                        // awaitConnection() reconnects on the next pass.
                    }
                    default -> {
                        log.warn("Publishing to {} failed ({}); trying again in 1 s", message.topic(), e.getMessage());
                        pause(Duration.ofSeconds(1));
                    }
                }
            }
        }
    }

    /** Messages the broker acknowledged. */
    public long delivered() {
        return delivered.get();
    }

    /** Messages published again after their delivery failed. */
    public long republished() {
        return republished.get();
    }

    /** Messages the broker refused and that were therefore not retried. */
    public long rejected() {
        return rejected.get();
    }

    /** Messages handed to the client and not yet acknowledged, plus those waiting to be published again. */
    public int pending() {
        lock.lock();
        try {
            return inFlight + redeliveries.size();
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Stops: waits up to {@code drain} for in-flight messages to be acknowledged, then disconnects.
     * Messages still waiting to be published again are dropped and logged.
     */
    public void close(Duration drain) {
        closing.countDown();
        long deadline = System.nanoTime() + drain.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && channel.isConnected()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                slotFreed.awaitNanos(left);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            lock.unlock();
        }
        channel.close(Duration.ofSeconds(1));
        int unsent = redeliveries.size();
        if (unsent > 0) {
            log.warn("{} messages whose delivery failed were not published again before closing", unsent);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void awaitConnection() throws InterruptedException {
        while (!channel.isConnected()) {
            if (isClosing()) {
                throw new InterruptedException("publisher closed");
            }
            long wait = nextConnectAttempt - System.nanoTime();
            if (wait > 0) {
                pause(Duration.ofNanos(wait));
                continue;
            }
            try {
                channel.connect(CONNECT_TIMEOUT);
                lock.lock();
                try {
                    window = Math.max(1, Math.min(maxInFlight, channel.receiveMaximum()));
                }
                finally {
                    lock.unlock();
                }
                log.info("{} MQTT broker {} (up to {} publishes in flight)", everConnected ? "Reconnected to" : "Connected to",
                        channel.serverUri(), window);
                everConnected = true;
                retryDelay = FIRST_RETRY;
            }
            catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_CONNECTED) {
                    continue;
                }
                log.warn("Cannot connect to MQTT broker {}: {}; trying again in {} s", channel.serverUri(),
                        describe(e), retryDelay.toSeconds());
                nextConnectAttempt = System.nanoTime() + retryDelay.toNanos();
                retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryDelay.multipliedBy(2);
            }
        }
    }

    private static String describe(MqttException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? message + " (" + cause.getMessage() + ")" : message;
    }

    private void takeSlot() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight >= window) {
                if (isClosing()) {
                    throw new InterruptedException("publisher closed");
                }
                slotFreed.await(100, TimeUnit.MILLISECONDS);
            }
            inFlight++;
        }
        finally {
            lock.unlock();
        }
    }

    private void releaseSlot() {
        lock.lock();
        try {
            inFlight--;
            slotFreed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Paho's in-flight window is full although ours is not (its count lags behind the acknowledgements we
     * have seen): wait for the next delivery, at most 10 ms, and try again.
     */
    private void awaitDelivery() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            slotFreed.await(10, TimeUnit.MILLISECONDS);
        }
        finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        if (closing.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new InterruptedException("publisher closed");
        }
    }

    /**
     * Called on Paho's threads: releases the message's slot (once, whatever Paho reports) and counts, or
     * queues the message to be published again.
     */
    private final class Delivery implements PublishChannel.Delivery {

        private final Outgoing message;
        private final AtomicBoolean slotHeld = new AtomicBoolean(true);

        Delivery(Outgoing message) {
            this.message = message;
        }

        /** Releases the slot if this message still holds it. */
        void releaseSlot() {
            if (slotHeld.compareAndSet(true, false)) {
                ReliablePublisher.this.releaseSlot();
            }
        }

        @Override
        public void delivered() {
            // Counted before the slot is released, so close() sees every acknowledgement it waited for.
            delivered.incrementAndGet();
            message.acknowledged().acknowledged();
            releaseSlot();
        }

        @Override
        public void failed(Throwable cause) {
            if (!slotHeld.get()) {
                // The client already refused the message when it was handed over; send() is trying again.
                return;
            }
            if (cause instanceof MqttException mqtt && mqtt.getReasonCode() >= 0x80 && mqtt.getReasonCode() < 0x100) {
                if (rejected.incrementAndGet() == 1) {
                    log.warn("The broker refused a message to {}: {}; refused messages are not retried", message.topic(),
                            mqtt.getMessage());
                }
            }
            else {
                redeliveries.add(message);
            }
            releaseSlot();
        }
    }
}
