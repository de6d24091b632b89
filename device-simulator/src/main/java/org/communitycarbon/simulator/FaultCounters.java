package org.communitycarbon.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated faults did so far: broken messages the broker acknowledged, messages silent devices did not
 * send, and which devices were silent. Updated from the report thread and Paho's threads; read from any.
 */
final class FaultCounters {

    private final AtomicLong glitched = new AtomicLong();
    private final AtomicLong withheld = new AtomicLong();
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();
    private final Set<String> silentNow = ConcurrentHashMap.newKeySet();

    /** The broker acknowledged a broken message. */
    void glitchAcknowledged() {
        glitched.incrementAndGet();
    }

    /** A device without power kept {@code messages} to itself at its turn. */
    void silent(String deviceId, int messages) {
        withheld.addAndGet(messages);
        silenced.add(deviceId);
        silentNow.add(deviceId);
    }

    /** A device published at its turn. */
    void spoke(String deviceId) {
        silentNow.remove(deviceId);
    }

    long glitched() {
        return glitched.get();
    }

    long withheld() {
        return withheld.get();
    }

    /** Devices that have missed at least one turn. */
    int silencedDevices() {
        return silenced.size();
    }

    /** Devices that were silent at their latest turn. */
    int silentDevices() {
        return silentNow.size();
    }
}
