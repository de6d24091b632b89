package org.communitycarbon.sensing.credentials;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An MQTT account as the property team sees it; the secret itself is never shown again after it was issued.
 *
 * @param username what the device sends in CONNECT: {@code device/{communityId}/{deviceId}} or
 *        {@code gateway/{communityId}/{name}}; its MQTT client id must be the username, or start with it and a {@code /}
 * @param name the device's id, or the gateway's name
 * @param issuedAt when the current secret was issued (created or rotated)
 * @param revokedAt when it was revoked; a revoked account cannot connect until a new secret is issued
 */
public record MqttAccount(String username, String communityId, AccountKind kind, String name, Instant createdAt,
        Instant issuedAt, @Nullable Instant revokedAt) {

    public static String username(AccountKind kind, String communityId, String name) {
        return kind.slug() + "/" + communityId + "/" + name;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
