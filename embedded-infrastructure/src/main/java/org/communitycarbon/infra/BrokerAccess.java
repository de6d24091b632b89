package org.communitycarbon.infra;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;

/**
 * Who may connect to the embedded broker and what they may do, as Mosquitto does it in docker-compose with its
 * password file and mosquitto-go-auth (deploy/mosquitto): anonymous clients are refused; the platform's own
 * accounts are the broker's and may do everything; every other client is a device or gateway account, decided by
 * the {@link MqttAuthority} (the sensing service), and may then publish and subscribe only within the topic filters
 * it was granted — a publish elsewhere is refused (PUBACK 0x87 Not authorized to MQTT 5 clients; MQTT 3 clients are
 * disconnected), as is a subscription. Every {@link #SWEEP} the connected accounts are checked again, and those
 * revoked since are disconnected.
 */
final class BrokerAccess implements SimpleAuthenticator, ClientLifecycleEventListener {

    private static final Logger log = LoggerFactory.getLogger(BrokerAccess.class);

    static final Duration SWEEP = Duration.ofSeconds(30);
    private static final int SWEEP_CHUNK = 5_000;
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, byte[]> platformAccounts;
    private volatile @Nullable MqttAuthority authority;
    /** Connected device and gateway clients: client id to username. */
    private final Map<String, String> deviceClients = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private @Nullable ScheduledExecutorService sweeper;

    BrokerAccess(Map<String, String> platformAccounts) {
        this.platformAccounts = new ConcurrentHashMap<>();
        platformAccounts.forEach((username, password) -> this.platformAccounts.put(username, password.getBytes(StandardCharsets.UTF_8)));
    }

    void authority(@Nullable MqttAuthority authority) {
        this.authority = authority;
    }

    void start() {
        Services.securityRegistry().setAuthenticatorProvider(input -> this);
        Services.eventRegistry().setClientLifecycleEventListener(input -> this);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-access-sweep");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        sweeper = executor;
    }

    void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Connections refused since the start. */
    long refused() {
        return refused.get();
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> username = input.getConnectPacket().getUserName();
        Optional<ByteBuffer> password = input.getConnectPacket().getPassword();
        String clientId = input.getClientInformation().getClientId();
        if (username.isEmpty() || username.get().isBlank() || password.isEmpty()) {
            refuse(output, ConnackReasonCode.NOT_AUTHORIZED, "anonymous clients are refused: connect with a username and password");
            return;
        }
        byte[] secret = bytes(password.get());
        byte[] platformPassword = platformAccounts.get(username.get());
        if (platformPassword != null) {
            if (MessageDigest.isEqual(platformPassword, secret)) {
                output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
                output.authenticateSuccessfully();
            }
            else {
                refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
            return;
        }
        MqttAuthority current = authority;
        if (current == null) {
            refuse(output, ConnackReasonCode.SERVER_UNAVAILABLE, "device accounts cannot be checked yet: the sensing service is not up");
            return;
        }
        Async<SimpleAuthOutput> async = output.async(DECISION_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_UNAVAILABLE,
                "device accounts cannot be checked right now");
        current.connect(username.get(), secret, clientId).whenComplete((decision, error) -> {
            try {
                if (error != null) {
                    log.warn("Could not check the MQTT account {}: {}", username.get(), error.toString());
                    refuse(output, ConnackReasonCode.SERVER_UNAVAILABLE, "device accounts cannot be checked right now");
                }
                else if (decision.grant() == null) {
                    refuse(output, code(decision.refusal()),
                            String.valueOf(decision.refusal()).toLowerCase(Locale.ROOT).replace('_', ' '));
                }
                else {
                    var permissions = output.getDefaultPermissions();
                    decision.grant().publish().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.PUBLISH)));
                    decision.grant().subscribe().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.SUBSCRIBE)));
                    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                    deviceClients.put(clientId, username.get());
                    output.authenticateSuccessfully();
                }
            }
            finally {
                async.resume();
            }
        });
    }

    private static ConnackReasonCode code(@Nullable String refusal) {
        return "BAD_CREDENTIALS".equals(refusal) ? ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD
                : "CLIENT_ID_NOT_ALLOWED".equals(refusal) ? ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID
                : ConnackReasonCode.NOT_AUTHORIZED;
    }

    private void refuse(SimpleAuthOutput output, ConnackReasonCode code, String reason) {
        refused.incrementAndGet();
        output.failAuthentication(code, reason);
    }

    private static TopicPermission permission(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW).activity(activity)
                .qos(TopicPermission.Qos.ALL).retain(TopicPermission.Retain.NOT_RETAINED)
                .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED).build();
    }

    /** Disconnects the connected clients whose accounts were revoked, or whose devices were retired. */
    void sweep() {
        MqttAuthority current = authority;
        if (current == null || deviceClients.isEmpty()) {
            return;
        }
        Map<String, String> connected = Map.copyOf(deviceClients);
        List<String> usernames = connected.values().stream().distinct().toList();
        try {
            var inactive = new java.util.HashSet<String>();
            for (int from = 0; from < usernames.size(); from += SWEEP_CHUNK) {
                inactive.addAll(current.inactive(new ArrayList<>(usernames.subList(from, Math.min(usernames.size(), from + SWEEP_CHUNK))))
                        .get(DECISION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            connected.forEach((clientId, username) -> {
                if (inactive.contains(username)) {
                    log.info("Disconnecting {} ({}): its MQTT account was revoked", clientId, username);
                    Services.clientService().disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED,
                            "the account was revoked");
                }
            });
        }
        catch (Exception e) {
            log.warn("Could not check the connected MQTT accounts: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        deviceClients.remove(input.getClientInformation().getClientId());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
