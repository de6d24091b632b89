package org.communitycarbon.infra;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * How the embedded MQTT broker listens and how much it holds.
 *
 * @param port 0 for any free port
 * @param bindAddress {@code 127.0.0.1} to accept local clients only, {@code 0.0.0.0} for all
 * @param maxQueuedMessages the most messages the broker queues for one client or shared-subscription group
 *        before it drops new ones: the hard limit behind back-pressure, reached only when the platform has
 *        been away for a long time; drops are counted ({@code mqtt.broker.messages.dropped})
 * @param backPressureHighBytes when the messages queued for subscribers exceed this many bytes, the broker
 *        holds devices' publishes (their acknowledgements wait), so publishers slow down to what the platform
 *        takes instead of filling the queue
 * @param backPressureLowBytes below this, held publishes are released
 * @param maxPacketBytes larger MQTT packets are refused with reason code 0x95 (packet too large)
 * @param platformAccounts the platform's own accounts (username to password), which may publish and subscribe
 *        anywhere; devices and gateways are checked by an {@link MqttAuthority}, and anonymous clients are refused
 */
public record MqttBrokerSettings(int port, String bindAddress, long maxQueuedMessages, long backPressureHighBytes,
        long backPressureLowBytes, int maxPacketBytes, Map<String, String> platformAccounts) {

    /** The sensing service's account; its password is new each time the broker starts ({@link #on}). */
    public static final String PLATFORM_USERNAME = "sensing";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000;
    public static final long DEFAULT_HIGH_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_LOW_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_PACKET_BYTES = 16 * 1024 * 1024;

    public MqttBrokerSettings {
        if (backPressureLowBytes > backPressureHighBytes) {
            throw new IllegalArgumentException("the back-pressure low mark must not be above the high mark");
        }
        platformAccounts = Map.copyOf(platformAccounts);
    }

    public static MqttBrokerSettings on(int port, String bindAddress) {
        return new MqttBrokerSettings(port, bindAddress, DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_HIGH_BYTES, DEFAULT_LOW_BYTES,
                DEFAULT_MAX_PACKET_BYTES, Map.of(PLATFORM_USERNAME, randomPassword()));
    }

    public MqttBrokerSettings withPlatformAccounts(Map<String, String> accounts) {
        return new MqttBrokerSettings(port, bindAddress, maxQueuedMessages, backPressureHighBytes, backPressureLowBytes,
                maxPacketBytes, accounts);
    }

    /** 256 random bits, base64url: a password no other machine shares. */
    public static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public MqttBrokerSettings withQueueLimits(long maxQueuedMessages, long highBytes, long lowBytes) {
        return new MqttBrokerSettings(port, bindAddress, maxQueuedMessages, highBytes, lowBytes, maxPacketBytes, platformAccounts);
    }
}
