package org.communitycarbon.ops.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Open311 {@code api_key}s of partner apps (docs/open311.md, partner apps): issued for one community by its property
 * manager or an admin, shown once, listed without the secret, revoked — never deleted. A key is
 * {@code o311_<prefix><secret>}: 12 characters of prefix, by which it is found, and 43 of secret (256 random bits); only
 * the SHA-256 of the whole key is kept and compared in constant time. A key is never logged, and never put in an error.
 */
@Service
class PartnerKeys {

    static final String KEY_START = "o311_";
    static final int PREFIX_LENGTH = 12;
    static final int KEY_LENGTH = KEY_START.length() + PREFIX_LENGTH + 43;
    static final int MAX_NAME = 100;
    static final int DEFAULT_DAILY_LIMIT = 200;
    static final int MAX_DAILY_LIMIT = 10_000;
    /** A community has at most this many keys that are neither revoked nor expired. */
    static final int MAX_ACTIVE_PER_COMMUNITY = 20;
    static final java.time.Duration MAX_LIFETIME = java.time.Duration.ofDays(5 * 366);

    private static final Pattern KEY = Pattern.compile("o311_[A-Za-z0-9_-]{55}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PartnerKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A partner app, as its valid key says: the community it files and reads in, and how many filings a day. */
    record Partner(UUID keyId, String communityId, String name, int dailyLimit) {
    }

    /** A key as it is listed: never the key itself. */
    record PartnerKeyView(UUID id, String communityId, String name, String prefix, int dailyLimit, Instant createdAt,
            String createdBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable String revokedBy,
            boolean active) {
    }

    /** A newly issued key: the only time {@code key} is shown. */
    record IssuedKey(String key, PartnerKeyView details) {
    }

    /** Issues a key for the community; the caller's scope was checked by {@code @Allowed}. */
    @Transactional
    public IssuedKey issue(Caller caller, String community, String name, @Nullable Instant expiresAt, int dailyLimit) {
        Instant now = now();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            throw new org.communitycarbon.model.ContractViolation("expiresAt", "must be in the future, within "
                    + MAX_LIFETIME.toDays() + " days");
        }
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "open311-keys:" + community);
        Integer active = jdbc.queryForObject("""
                SELECT count(*) FROM open311_partner_key
                WHERE community_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)""", Integer.class,
                community, Timestamp.from(now));
        if (active != null && active >= MAX_ACTIVE_PER_COMMUNITY) {
            throw new org.communitycarbon.support.web.ConflictException("Community " + community + " has "
                    + MAX_ACTIVE_PER_COMMUNITY + " active partner keys; revoke one first");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] prefixBytes = new byte[9];
        random.nextBytes(prefixBytes);
        String prefix = BASE64URL.encodeToString(prefixBytes);
        String key = KEY_START + prefix + BASE64URL.encodeToString(secret);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO open311_partner_key (id, community_id, name, prefix, key_sha256, daily_limit, created_at, created_by,
                                                 expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, community, name, prefix, sha256(key), dailyLimit,
                Timestamp.from(now), caller.subject(), expiresAt == null ? null : Timestamp.from(expiresAt));
        return new IssuedKey(key, new PartnerKeyView(id, community, name, prefix, dailyLimit, now, caller.subject(), expiresAt,
                null, null, true));
    }

    /** The community's keys, newest first, revoked and expired ones too. */
    @Transactional(readOnly = true)
    public List<PartnerKeyView> list(String community) {
        Instant now = clock.instant();
        return jdbc.query("""
                SELECT id, community_id, name, prefix, daily_limit, created_at, created_by, expires_at, revoked_at, revoked_by
                FROM open311_partner_key WHERE community_id = ? ORDER BY created_at DESC, id""",
                (rs, row) -> view(rs, now), community);
    }

    /** Revokes the community's key (a key revoked before stays as it was). */
    @Transactional
    public PartnerKeyView revoke(Caller caller, String community, UUID id) {
        jdbc.update("UPDATE open311_partner_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND community_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(now()), caller.subject(), id, community);
        Instant now = clock.instant();
        return jdbc.query("""
                SELECT id, community_id, name, prefix, daily_limit, created_at, created_by, expires_at, revoked_at, revoked_by
                FROM open311_partner_key WHERE id = ? AND community_id = ?""", (rs, row) -> view(rs, now), id, community)
                .stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No partner key " + id + " in community " + community));
    }

    /**
     * The partner whose key this is, if it is a key issued here, not revoked and not expired. The stored hash is
     * compared in constant time; a malformed key is refused without a query.
     */
    @Transactional(readOnly = true)
    public Optional<Partner> authenticate(String presented) {
        if (presented.length() != KEY_LENGTH || !KEY.matcher(presented).matches()) {
            return Optional.empty();
        }
        String prefix = presented.substring(KEY_START.length(), KEY_START.length() + PREFIX_LENGTH);
        byte[] hash = sha256(presented);
        Instant now = clock.instant();
        record Stored(UUID id, String community, String name, int dailyLimit, byte[] hash, @Nullable Instant expiresAt,
                boolean revoked) {
        }
        return jdbc.query("""
                SELECT id, community_id, name, daily_limit, key_sha256, expires_at, revoked_at IS NOT NULL
                FROM open311_partner_key WHERE prefix = ?""", (rs, row) -> new Stored(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBytes(5),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getBoolean(7)), prefix)
                .stream()
                .filter(stored -> MessageDigest.isEqual(stored.hash(), hash))
                .filter(stored -> !stored.revoked() && (stored.expiresAt() == null || stored.expiresAt().isAfter(now)))
                .map(stored -> new Partner(stored.id(), stored.community(), stored.name(), stored.dailyLimit()))
                .findFirst();
    }

    private static PartnerKeyView view(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant expires = rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant();
        Instant revoked = rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant();
        return new PartnerKeyView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), expires, revoked, rs.getString(10),
                revoked == null && (expires == null || expires.isAfter(now)));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
