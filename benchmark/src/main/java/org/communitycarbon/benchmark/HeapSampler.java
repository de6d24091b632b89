package org.communitycarbon.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap the whole JVM (platform, embedded Kafka and broker, load generator) uses: the peak of heap in use,
 * sampled every 500 ms, and the peak of what stayed live after a collection (old generation after GC), which
 * is the heap the platform needs; {@code -Xmx} above that only delays collections.
 */
final class HeapSampler implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLiveAfterGc = new AtomicLong();

    HeapSampler() {
        sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    void reset() {
        peakUsed.set(0);
        peakLiveAfterGc.set(0);
    }

    private void sample() {
        Runtime runtime = Runtime.getRuntime();
        peakUsed.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null && pool.getName().contains("Old")) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        peakLiveAfterGc.accumulateAndGet(live, Math::max);
    }

    long peakUsedMb() {
        return peakUsed.get() / (1024 * 1024);
    }

    long peakLiveAfterGcMb() {
        return peakLiveAfterGc.get() / (1024 * 1024);
    }

    static long maxHeapMb() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
