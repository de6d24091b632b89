package org.communitycarbon.model.device;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.EventIds;

/** The last level of a device topic: what kind of message it is. */
public enum DeviceMessage {
    READING("reading"),
    DEPOSIT("deposit"),
    STATUS("status"),
    /** A controller's answer to a command it received on its command topic ({@link CommandAckMessage}). */
    ACK("ack"),
    /** A connected scale's weighing of one category for a pickup ({@link ScaleWeighingMessage}). */
    WEIGHING("weighing");

    private final String slug;

    DeviceMessage(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /**
     * The id of the event made of a device's message observed at an instant: the same device, message and instant are
     * the same event, however often it arrives — and whoever records it (the device, or the registry recording a
     * meter's register at a swap).
     */
    public UUID eventIdOf(String communityId, String deviceId, Instant observedAt) {
        return EventIds.of(communityId, deviceId, slug, observedAt.toString());
    }
}
