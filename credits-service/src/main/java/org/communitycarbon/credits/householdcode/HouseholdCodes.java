package org.communitycarbon.credits.householdcode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Households' codes: at most one current code per household (a partial unique index), issued on first use, ended by a
 * rotation (a new code replaces it) or a revocation (a lost phone or card; the next fetch issues a new one). An ended
 * code never resolves again. Changes of one household's code are serialized by a transaction-scoped advisory lock.
 */
@Service
public class HouseholdCodes {

    /** Why a code ended. */
    enum EndReason {
        ROTATED, REVOKED
    }

    private final JdbcClient jdbc;
    private final CodeSigner signer;
    private final HouseholdCodeSettings settings;
    private final Clock clock;

    HouseholdCodes(JdbcClient jdbc, CodeSigner signer, HouseholdCodeSettings settings) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** A household a code or reference stands for; the household id never leaves the service. */
    public record ResolvedHousehold(String communityId, String householdId, String pseudonym, Instant codeIssuedAt) {
    }

    /** The household's current code, issued now when it has none. */
    @Transactional
    CodeView current(String communityId, String householdId, String by) {
        lock(communityId, householdId);
        return find(communityId, householdId).orElseGet(() -> issue(communityId, householdId, by));
    }

    /** Ends the current code (if any) and issues a new one. */
    @Transactional
    CodeView rotate(String communityId, String householdId, String by) {
        lock(communityId, householdId);
        end(communityId, householdId, EndReason.ROTATED, by);
        return issue(communityId, householdId, by);
    }

    /** Ends the current code; the next fetch issues a new one. Empty when there was none. */
    @Transactional
    Optional<Instant> revoke(String communityId, String householdId, String by) {
        lock(communityId, householdId);
        return end(communityId, householdId, EndReason.REVOKED, by);
    }

    /** The household of a current code's QR payload; empty for a forged, rotated, revoked or unknown one. */
    @Transactional(readOnly = true)
    public Optional<ResolvedHousehold> byCode(String payload) {
        return signer.code(payload).flatMap(this::byCodeBytes);
    }

    /** The household of a reference this caller got from a resolution, while the reference and the code are valid. */
    @Transactional(readOnly = true)
    public Optional<ResolvedHousehold> byReference(String reference, String subject) {
        return signer.open(reference, subject, clock.instant()).flatMap(this::byCodeBytes);
    }

    /** A reference to a code's household for this caller, valid for the configured time. */
    Resolution resolution(String payload, String subject) {
        byte[] code = signer.code(payload).orElseThrow();
        ResolvedHousehold household = byCodeBytes(code).orElseThrow();
        Instant expiresAt = clock.instant().plus(settings.referenceValidity()).truncatedTo(ChronoUnit.SECONDS);
        return new Resolution(signer.seal(code, subject, expiresAt), household.communityId(), household.pseudonym(), expiresAt);
    }

    private Optional<ResolvedHousehold> byCodeBytes(byte[] code) {
        return jdbc.sql("SELECT community_id, household_id, issued_at FROM household_code WHERE code = ? AND ended_at IS NULL")
                .param(code)
                .query((rs, row) -> new ResolvedHousehold(rs.getString(1), rs.getString(2),
                        signer.pseudonym(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    private Optional<CodeView> find(String communityId, String householdId) {
        return jdbc.sql("SELECT code, issued_at FROM household_code WHERE community_id = ? AND household_id = ? AND ended_at IS NULL")
                .params(communityId, householdId)
                .query((rs, row) -> new CodeView(signer.payload(rs.getBytes(1)), communityId,
                        signer.pseudonym(communityId, householdId), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    private CodeView issue(String communityId, String householdId, String by) {
        byte[] code = signer.newCode();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO household_code (id, code, community_id, household_id, issued_at, issued_by)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), code, communityId, householdId, Timestamp.from(now), by)
                .update();
        return new CodeView(signer.payload(code), communityId, signer.pseudonym(communityId, householdId), now);
    }

    private Optional<Instant> end(String communityId, String householdId, EndReason reason, String by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int ended = jdbc.sql("""
                UPDATE household_code SET ended_at = ?, ended_by = ?, end_reason = ?
                WHERE community_id = ? AND household_id = ? AND ended_at IS NULL""")
                .params(Timestamp.from(now), by, reason.name(), communityId, householdId)
                .update();
        return ended == 0 ? Optional.empty() : Optional.of(now);
    }

    private void lock(String communityId, String householdId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('household-code/' || ? || '/' || ?, 0))")
                .params(communityId, householdId).query((rs, row) -> 1).single();
    }
}
