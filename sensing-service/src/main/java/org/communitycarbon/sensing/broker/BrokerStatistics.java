package org.communitycarbon.sensing.broker;

/** The broker's own figures; a broker that does not report one answers -1 for it. */
public interface BrokerStatistics {

    /** Bytes of messages queued for subscribers, in flight included. */
    long queuedBytes();

    /** Messages the broker dropped since it started (over a queue limit, expired, undeliverable). */
    long droppedMessages();

    /** Device publishes the broker holds back right now because the platform is behind. */
    long heldPublishes();
}
