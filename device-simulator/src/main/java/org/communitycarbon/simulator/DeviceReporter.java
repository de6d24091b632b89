package org.communitycarbon.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.simulator.community.Publication;
import org.communitycarbon.simulator.community.SimulatedDevice;
import org.communitycarbon.simulator.mqtt.ReliablePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's turn, as the device itself would take it. The device always reports, so that its registers, bins
 * and battery move on with simulated time; then, unless it is without power (see {@link Silences}), its messages are
 * written as JSON, a few of them broken (see {@link Glitches}), and sent. A device without power sends nothing at
 * all, so the first reading after an outage includes what was used meanwhile, and a bin's deposits during the
 * outage are never announced. Used by the report thread only.
 */
final class DeviceReporter {

    private static final Logger log = LoggerFactory.getLogger(DeviceReporter.class);

    /** Where messages go: the {@link ReliablePublisher} in a run; blocks while it applies back-pressure. */
    @FunctionalInterface
    interface Sender {
        void send(String topic, byte[] payload, ReliablePublisher.Acknowledged acknowledged) throws InterruptedException;
    }

    private final Silences silences;
    private final Glitches glitches;
    private final Sender sender;
    private final PublishCounters counters;
    private final FaultCounters faults;
    private final List<Publication> out = new ArrayList<>();
    private int failures;

    DeviceReporter(Silences silences, Glitches glitches, Sender sender, PublishCounters counters, FaultCounters faults) {
        this.silences = silences;
        this.glitches = glitches;
        this.sender = sender;
        this.counters = counters;
        this.faults = faults;
    }

    /**
     * Lets the device report at {@code simulatedAt} and sends what it reports, stamped with {@code realAt}.
     *
     * @throws InterruptedException when interrupted while the sender waits; the rest of the report is not sent
     */
    void report(SimulatedDevice device, Instant simulatedAt, Instant realAt) throws InterruptedException {
        out.clear();
        try {
            device.report(simulatedAt, realAt, out);
        }
        catch (RuntimeException e) {
            if (++failures <= 10) {
                log.error("Device {} could not report at {}", device.deviceId(), simulatedAt, e);
            }
            return;
        }
        if (silences.silent(device.deviceId(), simulatedAt, realAt)) {
            faults.silent(device.deviceId(), out.size());
            return;
        }
        faults.spoke(device.deviceId());
        for (int index = 0; index < out.size(); index++) {
            DeviceTopic topic = out.get(index).topic();
            byte[] payload;
            try {
                payload = DevicePayloads.write(out.get(index).payload());
            }
            catch (RuntimeException e) {
                if (++failures <= 10) {
                    log.error("Cannot write the {} of {}", topic.message().slug(), device.deviceId(), e);
                }
                continue;
            }
            Glitches.Broken broken = glitches.breakSome(topic, simulatedAt, index, payload);
            if (broken == null) {
                sender.send(topic.path(), payload, () -> counters.acknowledged(topic));
            }
            else {
                sender.send(topic.path(), broken.payload(), () -> {
                    counters.acknowledged(topic);
                    faults.glitchAcknowledged();
                });
            }
        }
    }
}
