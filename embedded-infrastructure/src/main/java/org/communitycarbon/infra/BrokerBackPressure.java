package org.communitycarbon.infra;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * Back-pressure from the platform to the devices, as a HiveMQ extension. An MQTT broker acknowledges a QoS 1
 * publish once it has queued it; when the subscriber (the sensing service) falls behind, the queue grows and a
 * broker that reaches its limit drops messages it has already acknowledged. So this extension watches the
 * bytes queued for subscribers and, above a high-water mark, holds each new publish before the broker takes
 * it: the publisher's acknowledgement waits, its in-flight window (the broker's receive maximum, 10) fills and
 * it slows down to the pace at which the platform takes messages. Below the low-water mark the held publishes
 * are released, in order. Nothing is dropped: a publish held longer than {@link #MAX_HOLD} goes through anyway
 * (the queue limit, far above the high-water mark, still bounds memory).
 * <p>
 * The platform's own clients (client ids starting with {@value #PLATFORM_CLIENT_PREFIX}) are never held.
 */
final class BrokerBackPressure implements ExtensionMain, PublishInboundInterceptor {

    static final String PLATFORM_CLIENT_PREFIX = "platform-";
    static final Duration MAX_HOLD = Duration.ofSeconds(10);
    private static final long CHECK_MILLIS = 20;

    private final LongSupplier queuedBytes;
    private final long highBytes;
    private final long lowBytes;
    private final ConcurrentLinkedQueue<Async<PublishInboundOutput>> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong holding = new AtomicLong();
    private final AtomicLong heldTotal = new AtomicLong();
    private volatile boolean engaged;
    private ScheduledExecutorService monitor;

    BrokerBackPressure(LongSupplier queuedBytes, long highBytes, long lowBytes) {
        this.queuedBytes = queuedBytes;
        this.highBytes = highBytes;
        this.lowBytes = lowBytes;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) -> {
            if (!initializerInput.getClientInformation().getClientId().startsWith(PLATFORM_CLIENT_PREFIX)) {
                clientContext.addPublishInboundInterceptor(this);
            }
        });
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-back-pressure");
            thread.setDaemon(true);
            return thread;
        });
        monitor.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        engaged = false;
        release();
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        if (!engaged) {
            return;
        }
        held.add(output.async(MAX_HOLD, TimeoutFallback.SUCCESS));
        holding.incrementAndGet();
        heldTotal.incrementAndGet();
        if (!engaged) {
            release(); // released meanwhile: do not wait for the next check
        }
    }

    private void check() {
        long queued = queuedBytes.getAsLong();
        if (!engaged && queued > highBytes) {
            engaged = true;
        }
        else if (engaged && queued < lowBytes) {
            engaged = false;
        }
        if (!engaged) {
            release();
        }
    }

    private void release() {
        Async<PublishInboundOutput> next;
        while ((next = held.poll()) != null) {
            holding.decrementAndGet();
            if (next.getStatus() == Async.Status.RUNNING) {
                next.resume();
            }
        }
    }

    /** Publishes held right now. */
    long holding() {
        return holding.get();
    }

    /** Publishes held since the broker started. */
    long heldTotal() {
        return heldTotal.get();
    }

    boolean engaged() {
        return engaged;
    }
}
