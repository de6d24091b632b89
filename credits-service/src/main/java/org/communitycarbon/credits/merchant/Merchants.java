package org.communitycarbon.credits.merchant;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.credits.householdcode.MerchantScope;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The merchants of each community and their users. A MERCHANT token names no merchant: the user acts for the merchant
 * whose users include the token's subject (one at most), as recorded here by the property manager.
 */
@Service
class Merchants implements MerchantScope {

    private final JdbcClient jdbc;

    Merchants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The merchant a caller of role MERCHANT acts for, if it is onboarded and active. */
    record Acting(UUID id, String communityId, String name) {
    }

    @Transactional
    MerchantView onboard(String communityId, MerchantRequest request, String by) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.sql("""
                    INSERT INTO merchant (id, community_id, name, active, onboarded_at, onboarded_by)
                    VALUES (?, ?, ?, true, ?, ?)""")
                    .params(id, communityId, request.name().strip(), Timestamp.from(now), by).update();
        }
        catch (DuplicateKeyException taken) {
            throw new ConflictException("Community " + communityId + " already has a merchant named " + request.name().strip());
        }
        return new MerchantView(id, communityId, request.name().strip(), true, now, List.of());
    }

    @Transactional
    Optional<MerchantView> addUser(String communityId, UUID merchantId, MerchantUserRequest request, String by) {
        if (find(communityId, merchantId).isEmpty()) {
            return Optional.empty();
        }
        try {
            jdbc.sql("INSERT INTO merchant_user (subject, merchant_id, name, added_at, added_by) VALUES (?, ?, ?, now(), ?)")
                    .params(request.subject(), merchantId, request.name().strip(), by).update();
        }
        catch (DuplicateKeyException taken) {
            throw new ConflictException("The user " + request.subject() + " already acts for a merchant; a user acts for one at most");
        }
        return find(communityId, merchantId);
    }

    @Transactional(readOnly = true)
    List<MerchantView> list(String communityId) {
        return jdbc.sql("SELECT id FROM merchant WHERE community_id = ? ORDER BY name, id").param(communityId)
                .query(UUID.class).list().stream().map(id -> find(communityId, id).orElseThrow()).toList();
    }

    @Transactional(readOnly = true)
    Optional<MerchantView> find(String communityId, UUID merchantId) {
        List<MerchantView.User> users = jdbc.sql("SELECT subject, name, added_at FROM merchant_user WHERE merchant_id = ? ORDER BY subject")
                .param(merchantId)
                .query((rs, row) -> new MerchantView.User(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
        return jdbc.sql("SELECT id, community_id, name, active, onboarded_at FROM merchant WHERE id = ? AND community_id = ?")
                .params(merchantId, communityId)
                .query((rs, row) -> new MerchantView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(), users))
                .optional();
    }

    /** The active merchant the caller acts for. */
    Optional<Acting> acting(Caller caller) {
        if (!caller.has(Role.MERCHANT) || caller.subject().isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT m.id, m.community_id, m.name FROM merchant_user u JOIN merchant m ON m.id = u.merchant_id
                WHERE u.subject = ? AND m.active""")
                .param(caller.subject())
                .query((rs, row) -> new Acting(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
    }

    @Override
    public Optional<String> communityOf(Caller caller) {
        return acting(caller).map(Acting::communityId);
    }
}
