package org.communitycarbon.credits.merchant;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.credits.householdcode.HouseholdCodes;
import org.communitycarbon.credits.ledger.AccountQueue;
import org.communitycarbon.credits.ledger.EntryKind;
import org.communitycarbon.credits.ledger.Postings;
import org.communitycarbon.credits.redemption.IdempotencyKey;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.credits.MerchantDebited;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Merchant debits: one transaction takes the item from its stock when one is named (a conditional update), then debits
 * the household's account by a conditional update that never takes it below zero, appends the MERCHANT_DEBIT entry
 * chained to the account's head and writes the receipt — the same lock order as a resident's redemption, so the two
 * queue instead of deadlocking. Once per merchant and Idempotency-Key. Each debit and each reversal publishes a
 * {@link MerchantDebited} on {@code credits.merchant-debits} through the outbox, in the transaction that wrote it.
 */
@Service
class MerchantDebits {

    private static final String RECEIPT = """
            SELECT d.id, d.merchant_id, m.name AS merchant_name, d.community_id, d.household_ref, d.amount, d.item_id,
                   d.debited_at, d.debited_by, d.request_hash, d.household_id, v.reversed_at
            FROM merchant_debit d JOIN merchant m ON m.id = d.merchant_id
                 LEFT JOIN merchant_debit_reversal v ON v.debit_id = d.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final HouseholdCodes codes;
    private final Postings postings;
    private final Outbox outbox;
    private final AccountQueue accounts;
    private final Counter debited;

    MerchantDebits(JdbcClient jdbc, PlatformTransactionManager transactionManager, HouseholdCodes codes, Postings postings,
            Outbox outbox, AccountQueue accounts, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.codes = codes;
        this.postings = postings;
        this.debited = Counter.builder("credits.merchant.debited").description("Credits merchants debited")
                .baseUnit("credits").register(meters);
    }

    /** What a debit request did: a new receipt, or the receipt of an earlier request with the same key. */
    record Outcome(MerchantReceipt receipt, boolean replayed) {
    }

    Outcome debit(Merchants.Acting merchant, String subject, String idempotencyKey, DebitRequest request) {
        IdempotencyKey key = new IdempotencyKey(idempotencyKey);
        if ((request.code() == null) == (request.reference() == null)) {
            throw new ContractViolation("code", "give either the scanned code or the reference of its resolution");
        }
        String fingerprint = request.amount() + " " + request.itemId();
        Optional<Outcome> earlier = replay(merchant, key, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        HouseholdCodes.ResolvedHousehold household = (request.code() != null ? codes.byCode(request.code())
                : codes.byReference(request.reference(), subject))
                .filter(resolved -> resolved.communityId().equals(merchant.communityId()))
                .orElseThrow(() -> new NotFoundException("No current household code of your community"));
        try {
            // one debit of the account at a time from this instance (AccountQueue); the database keeps it right anyway
            MerchantReceipt receipt = accounts.inTurn(household.communityId(), household.householdId(),
                    () -> transactions.execute(status -> debit(merchant, subject, key, fingerprint, household, request)));
            debited.increment(receipt.amount());
            return new Outcome(receipt, false);
        }
        catch (DuplicateKeyException sameKeyMeanwhile) {
            return replay(merchant, key, fingerprint).orElseThrow(() -> sameKeyMeanwhile);
        }
    }

    private Optional<Outcome> replay(Merchants.Acting merchant, IdempotencyKey key, String fingerprint) {
        return jdbc.sql(RECEIPT + " WHERE d.merchant_id = ? AND d.idempotency_key = ?")
                .params(merchant.id(), key.value())
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(fingerprint)) {
                        throw new ConflictException("The " + IdempotencyKey.HEADER + " " + key.value()
                                + " was used for a different debit; use a new key for a new request");
                    }
                    return new Outcome(receipt(rs, row), true);
                })
                .optional();
    }

    private MerchantReceipt debit(Merchants.Acting merchant, String subject, IdempotencyKey key, String fingerprint,
            HouseholdCodes.ResolvedHousehold household, DebitRequest request) {
        String itemNote = "";
        if (request.itemId() != null) {
            // 1. The item first, as a redemption does: its row stays locked until commit, the stock never below zero.
            String item = jdbc.sql("""
                    UPDATE catalogue_item SET stock = stock - 1, updated_at = now()
                    WHERE id = ? AND community_id = ? AND stock >= 1 AND valid_from <= now() AND valid_until > now()
                    RETURNING name_en""")
                    .params(request.itemId(), merchant.communityId())
                    .query(String.class).optional()
                    .orElseThrow(() -> whyNot(merchant.communityId(), request.itemId()));
            itemNote = ", 1 x " + item + " (item " + request.itemId() + ")";
        }
        // 2. The account: the balance never below zero, the debit chained to the account's head.
        UUID id = UUID.randomUUID();
        UUID entryId = EventIds.derived(id, "ledger-entry");
        String reason = "merchant debit: " + merchant.name() + " (merchant " + merchant.id() + ")" + itemNote;
        long amount = request.amount();
        Postings.Posted posted = postings.post(household.communityId(), household.householdId(), -amount, EntryKind.MERCHANT_DEBIT,
                reason, entryId, id).orElseThrow(() -> DebitRefused.insufficientBalance(amount));
        jdbc.sql("""
                INSERT INTO merchant_debit (id, merchant_id, community_id, household_id, household_ref, idempotency_key, request_hash,
                                            amount, item_id, entry_id, debited_by, debited_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, merchant.id(), household.communityId(), household.householdId(), household.pseudonym(), key.value(),
                        fingerprint, amount, request.itemId(), entryId, subject, Timestamp.from(posted.at()))
                .update();
        publish(MerchantDebited.DEBITED, id, merchant.id(), household.communityId(), household.pseudonym(), amount,
                request.itemId(), entryId, subject, posted);
        return new MerchantReceipt(id, merchant.id(), merchant.name(), household.communityId(), household.pseudonym(), amount,
                request.itemId(), posted.at(), subject, null);
    }

    private RuntimeException whyNot(String communityId, UUID itemId) {
        return jdbc.sql("""
                SELECT stock, valid_from, valid_until, valid_from <= now() AND valid_until > now() AS current
                FROM catalogue_item WHERE id = ? AND community_id = ?""")
                .params(itemId, communityId)
                .query((rs, row) -> rs.getBoolean("current")
                        ? (RuntimeException) DebitRefused.outOfStock(rs.getInt("stock"))
                        : DebitRefused.outsideValidity(rs.getTimestamp("valid_from").toInstant(),
                                rs.getTimestamp("valid_until").toInstant()))
                .optional()
                .orElseGet(() -> new NotFoundException("No catalogue item " + itemId + " in community " + communityId));
    }

    /** The merchant's receipts, newest first. */
    PageView<MerchantReceipt> receipts(UUID merchantId, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM merchant_debit WHERE merchant_id = ?").param(merchantId).query(Long.class).single();
        List<MerchantReceipt> receipts = jdbc.sql(RECEIPT + " WHERE d.merchant_id = ? ORDER BY d.debited_at DESC, d.id LIMIT ? OFFSET ?")
                .params(merchantId, size, (long) page * size).query(MerchantDebits::receipt).list();
        return new PageView<>(receipts, page, size, total, (int) ((total + size - 1) / size));
    }

    /** One debit of the community, of this merchant when one is given. */
    Optional<MerchantReceipt> receipt(String communityId, @Nullable UUID merchantId, UUID debitId) {
        return jdbc.sql(RECEIPT + " WHERE d.id = ? AND d.community_id = ? AND (CAST(? AS uuid) IS NULL OR d.merchant_id = CAST(? AS uuid))")
                .params(debitId, communityId, merchantId, merchantId).query(MerchantDebits::receipt).optional();
    }

    /** What a reversal request did: the receipt, now reversed, and whether an earlier request had reversed it. */
    record Reversed(MerchantReceipt receipt, boolean replayed) {
    }

    /** Gives a debit back once, as a new MERCHANT_DEBIT_REVERSAL entry; the item's stock is restored. */
    Reversed reverse(MerchantReceipt debit, DebitReversalRequest request, String by) {
        if (debit.reversedAt() != null) {
            return new Reversed(debit, true);
        }
        try {
            transactions.executeWithoutResult(status -> giveBack(debit, request, by));
        }
        catch (DuplicateKeyException reversedMeanwhile) {
            return new Reversed(receipt(debit.communityId(), null, debit.id()).orElseThrow(), true);
        }
        return new Reversed(receipt(debit.communityId(), null, debit.id()).orElseThrow(), false);
    }

    private void giveBack(MerchantReceipt debit, DebitReversalRequest request, String by) {
        String householdId = jdbc.sql("SELECT household_id FROM merchant_debit WHERE id = ?").param(debit.id())
                .query(String.class).single();
        if (debit.itemId() != null) {
            // the same lock order as a debit: the item, then the account
            jdbc.sql("UPDATE catalogue_item SET stock = stock + 1, updated_at = now() WHERE id = ?").param(debit.itemId()).update();
        }
        UUID entryId = EventIds.derived(debit.id(), "reversal-ledger-entry");
        Postings.Posted posted = postings.post(debit.communityId(), householdId, debit.amount(), EntryKind.MERCHANT_DEBIT_REVERSAL,
                        "reversal of merchant debit " + debit.id() + ": " + request.reason(), entryId,
                        EventIds.derived(debit.id(), "reversal"))
                .orElseThrow(() -> new IllegalStateException("The account of merchant debit " + debit.id() + " is gone"));
        jdbc.sql("""
                INSERT INTO merchant_debit_reversal (debit_id, entry_id, reason, reversed_by, reversed_at) VALUES (?, ?, ?, ?, ?)""")
                .params(debit.id(), entryId, request.reason(), by, Timestamp.from(posted.at())).update();
        publish(MerchantDebited.REVERSED, debit.id(), debit.merchantId(), debit.communityId(), debit.householdRef(),
                debit.amount(), debit.itemId(), entryId, by, posted);
    }

    /** The event of a debit or its reversal, through the outbox in the transaction that wrote it; keyed by merchant. */
    private void publish(String action, UUID debitId, UUID merchantId, String communityId, String householdRef, long amount,
            @Nullable UUID itemId, UUID entryId, String actor, Postings.Posted posted) {
        outbox.publishAll(List.of(new Outbox.Message(CreditsTopics.MERCHANT_DEBITS, merchantId.toString(), new MerchantDebited(
                MerchantDebited.eventIdOf(debitId, action), MerchantDebited.SCHEMA_VERSION, communityId, posted.at(), merchantId,
                debitId, action, householdRef, Quantity.of(BigDecimal.valueOf(amount), Unit.CREDIT), itemId, entryId, actor))));
    }

    private static MerchantReceipt receipt(ResultSet rs, int row) throws SQLException {
        Timestamp reversedAt = rs.getTimestamp("reversed_at");
        return new MerchantReceipt(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class),
                rs.getString("merchant_name"), rs.getString("community_id"), rs.getString("household_ref"), rs.getLong("amount"),
                rs.getObject("item_id", UUID.class), rs.getTimestamp("debited_at").toInstant(), rs.getString("debited_by"),
                reversedAt == null ? null : reversedAt.toInstant());
    }
}
