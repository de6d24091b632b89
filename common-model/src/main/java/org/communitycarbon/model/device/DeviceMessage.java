package org.communitycarbon.model.device;

/** The last level of a device topic: what kind of message it is. */
public enum DeviceMessage {
    READING("reading"),
    DEPOSIT("deposit"),
    STATUS("status");

    private final String slug;

    DeviceMessage(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
