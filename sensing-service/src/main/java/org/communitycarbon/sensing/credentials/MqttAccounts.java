package org.communitycarbon.sensing.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.sensing.registry.KnownDevice;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, rotates and revokes MQTT accounts, and decides whether a connecting client may connect and what it may
 * then do. A device account exists only for a registered, active device; its permissions follow the device's type
 * from the registry, and a device retired later can no longer connect.
 */
@Service
public class MqttAccounts {

    /** Why a connection is refused; the broker maps these to MQTT reason codes. */
    public enum Refusal {
        /** No such account, a revoked one, or a wrong secret: indistinguishable to the client. */
        BAD_CREDENTIALS,
        /** The client id is not the account's: one device must not take over another's session. */
        CLIENT_ID_NOT_ALLOWED,
        /** The device of a device account is not registered and active any more. */
        DEVICE_NOT_ACTIVE
    }

    /** The decision on a connection: the permissions, or why not. */
    public record Decision(@Nullable Permissions permissions, @Nullable Refusal refusal) {

        static Decision allow(Permissions permissions) {
            return new Decision(permissions, null);
        }

        static Decision refuse(Refusal refusal) {
            return new Decision(null, refusal);
        }

        public boolean allowed() {
            return permissions != null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;
    private final DeviceDirectory devices;
    private final Clock clock;

    MqttAccounts(AccountStore store, DeviceDirectory devices, Clock clock) {
        this.store = store;
        this.devices = devices;
        this.clock = clock;
    }

    /** A new account with a new secret; 409 if an active one exists (rotate it instead). */
    @Transactional
    public IssuedSecret create(String communityId, AccountKind kind, String name) {
        Require.identifier(name, "name");
        if (kind == AccountKind.DEVICE && devices.find(communityId, name).isEmpty()) {
            throw new ContractViolation("name", "device " + name + " is not a registered, active device of " + communityId);
        }
        store.find(communityId, kind, name).filter(existing -> existing.account().active()).ifPresent(existing -> {
            throw new org.communitycarbon.support.web.ConflictException("The " + kind.slug() + " " + name
                    + " already has an active MQTT account; rotate its secret or revoke it first");
        });
        return issue(communityId, kind, name);
    }

    /** A new secret for an existing account; the old one stops working at once (connected clients at their next connect). */
    @Transactional
    public IssuedSecret rotate(String communityId, AccountKind kind, String name) {
        if (store.find(communityId, kind, name).isEmpty()) {
            throw new NotFoundException("No MQTT account for " + kind.slug() + " " + name + " in " + communityId);
        }
        return issue(communityId, kind, name);
    }

    @Transactional
    public MqttAccount revoke(String communityId, AccountKind kind, String name) {
        return store.revoke(communityId, kind, name, clock.instant())
                .orElseThrow(() -> new NotFoundException("No MQTT account for " + kind.slug() + " " + name + " in " + communityId));
    }

    @Transactional(readOnly = true)
    public Optional<MqttAccount> find(String communityId, AccountKind kind, String name) {
        return store.find(communityId, kind, name).map(AccountStore.Stored::account);
    }

    @Transactional(readOnly = true)
    public List<MqttAccount> list(String communityId, @Nullable AccountKind kind, int offset, int limit) {
        return store.list(communityId, kind, offset, limit);
    }

    /** Whether a client may connect with these credentials and this client id, and with which permissions. */
    @Transactional(readOnly = true)
    public Decision connect(String username, byte[] password, String clientId) {
        if (!clientId.equals(username) && !clientId.startsWith(username + "/")) {
            return Decision.refuse(Refusal.CLIENT_ID_NOT_ALLOWED);
        }
        Optional<AccountStore.Stored> stored = lookUp(username);
        if (stored.isEmpty() || !stored.get().account().active()
                || !MessageDigest.isEqual(sha256(password), stored.get().secretSha256())) {
            return Decision.refuse(Refusal.BAD_CREDENTIALS);
        }
        return permissions(stored.get().account());
    }

    /** The permissions of an active account, for a broker that checks each publish and subscribe (Mosquitto's hook). */
    @Transactional(readOnly = true)
    public Optional<Permissions> permissions(String username) {
        return lookUp(username).map(AccountStore.Stored::account).filter(MqttAccount::active)
                .map(this::permissions).map(Decision::permissions);
    }

    /**
     * Those of these usernames that may no longer connect — revoked, unknown, or a device no longer active — read in
     * one query, for the broker's sweep of its connected clients.
     */
    @Transactional(readOnly = true)
    public Set<String> inactive(Collection<String> usernames) {
        List<String> communities = new ArrayList<>();
        List<AccountKind> kinds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String username : usernames) {
            String[] parts = username.split("/", -1);
            AccountKind kind = parts.length == 3 ? kind(parts[0]) : null;
            if (kind != null) {
                kinds.add(kind);
                communities.add(parts[1]);
                names.add(parts[2]);
            }
        }
        Set<String> inactive = new HashSet<>(usernames);
        for (MqttAccount account : store.active(communities, kinds, names)) {
            if (permissions(account).allowed()) {
                inactive.remove(account.username());
            }
        }
        return inactive;
    }

    private Decision permissions(MqttAccount account) {
        if (account.kind() == AccountKind.GATEWAY) {
            return Decision.allow(Permissions.gateway(account.communityId()));
        }
        Optional<KnownDevice> device = devices.find(account.communityId(), account.name());
        return device.map(known -> Decision.allow(Permissions.device(account.communityId(), known.deviceType(), account.name())))
                .orElse(Decision.refuse(Refusal.DEVICE_NOT_ACTIVE));
    }

    private Optional<AccountStore.Stored> lookUp(String username) {
        String[] parts = username.split("/", -1);
        if (parts.length != 3 || username.length() > 200) {
            return Optional.empty();
        }
        AccountKind kind = kind(parts[0]);
        return kind == null ? Optional.empty() : store.find(parts[1], kind, parts[2]);
    }

    private static @Nullable AccountKind kind(String slug) {
        return slug.equals(AccountKind.DEVICE.slug()) ? AccountKind.DEVICE : slug.equals(AccountKind.GATEWAY.slug()) ? AccountKind.GATEWAY : null;
    }

    private IssuedSecret issue(String communityId, AccountKind kind, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        MqttAccount account;
        try {
            account = store.issue(communityId, kind, name, sha256(secret.getBytes(StandardCharsets.UTF_8)), clock.instant());
        }
        catch (DataIntegrityViolationException e) {
            throw new NotFoundException("No community " + communityId);
        }
        return new IssuedSecret(account, account.username(), secret);
    }

    static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
