package org.communitycarbon.credits.redemption;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.credits.ledger.EntryKind;
import org.communitycarbon.credits.ledger.AccountQueue;
import org.communitycarbon.credits.ledger.Postings;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.credits.CreditsRedeemed;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.security.Caller;
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
 * Redemptions and their reversals. Each is one transaction that locks, in this order, the catalogue item's row (the
 * conditional stock update) and the household account's row (the conditional balance update), so neither the stock
 * nor the balance can go below zero whatever the concurrency, and appends the ledger entry chained to the account's
 * head exactly as {@code Ledger.award} does (docs/credits.md, "Adding a kind of entry").
 */
@Service
class Redemptions {

    private static final String RECEIPT = """
            SELECT r.id, r.community_id, r.household_id, r.item_id, i.name_zh, i.name_en, i.kind, r.quantity, r.credits,
                   r.balance_after, r.redeemed_at, r.entry_id, r.request_hash, v.reversed_at
            FROM redemption r JOIN catalogue_item i ON i.id = r.item_id
                 LEFT JOIN redemption_reversal v ON v.redemption_id = r.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Postings postings;
    private final AccountQueue accounts;
    private final Counter redeemed;
    private final Counter reversed;

    Redemptions(JdbcClient jdbc, PlatformTransactionManager transactionManager, Outbox outbox, Postings postings,
            AccountQueue accounts, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.postings = postings;
        this.accounts = accounts;
        this.transactions = new TransactionTemplate(transactionManager);
        this.redeemed = Counter.builder("credits.redeemed").description("Credits spent on catalogue items")
                .baseUnit("credits").register(meters);
        this.reversed = Counter.builder("credits.redemptions.reversed").description("Credits given back by reversals")
                .baseUnit("credits").register(meters);
    }

    /** What a redemption request did: a new receipt, or the receipt of an earlier request with the same key. */
    record Outcome(Receipt receipt, boolean replayed) {
    }

    /**
     * Redeems for the resident's household, once per idempotency key.
     *
     * @throws RedemptionRefused when the balance, the stock or the item's validity window does not allow it
     * @throws ConflictException when the key was used by the household for a different request
     */
    Outcome redeem(Caller.ResidentScope household, String idempotencyKey, RedeemRequest request) {
        IdempotencyKey key = new IdempotencyKey(idempotencyKey);
        String fingerprint = request.itemId() + " x" + request.quantity();
        Optional<Outcome> earlier = replay(household, key, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            // one debit of the account at a time from this instance (AccountQueue); the database keeps it right anyway
            Receipt receipt = accounts.inTurn(household.communityId(), household.householdId(),
                    () -> transactions.execute(status -> debit(household, key, fingerprint, request)));
            redeemed.increment(receipt.credits());
            return new Outcome(receipt, false);
        }
        catch (DuplicateKeyException sameKeyMeanwhile) {
            // Another request with this key committed first (the unique key refused ours, whose transaction rolled back).
            return replay(household, key, fingerprint).orElseThrow(() -> sameKeyMeanwhile);
        }
    }

    private Optional<Outcome> replay(Caller.ResidentScope household, IdempotencyKey key, String fingerprint) {
        return jdbc.sql(RECEIPT + " WHERE r.community_id = ? AND r.household_id = ? AND r.idempotency_key = ?")
                .params(household.communityId(), household.householdId(), key.value())
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(fingerprint)) {
                        throw new ConflictException("The " + IdempotencyKey.HEADER + " " + key.value()
                                + " was used for a different redemption; use a new key for a new request");
                    }
                    return new Outcome(receipt(rs, row), true);
                })
                .optional();
    }

    private Receipt debit(Caller.ResidentScope household, IdempotencyKey key, String fingerprint, RedeemRequest request) {
        int quantity = request.quantity();
        // 1. The item: its row stays locked until commit; the stock never goes below zero.
        Item item = jdbc.sql("""
                UPDATE catalogue_item SET stock = stock - ?, updated_at = now()
                WHERE id = ? AND community_id = ? AND stock >= ? AND valid_from <= now() AND valid_until > now()
                RETURNING name_zh, name_en, kind, price""")
                .params(quantity, request.itemId(), household.communityId(), quantity)
                .query((rs, row) -> new Item(rs.getString("name_zh"), rs.getString("name_en"), ItemKind.valueOf(rs.getString("kind")),
                        rs.getLong("price")))
                .optional()
                .orElseThrow(() -> whyNot(household.communityId(), request.itemId(), quantity));
        long credits = item.price() * quantity;
        // 2. The account: locked until commit, the balance never below zero, the chain's next position taken.
        //    The debit is chained to the account's head.
        UUID redemptionId = UUID.randomUUID();
        UUID entryId = EventIds.derived(redemptionId, "ledger-entry");
        String reason = "redemption: " + quantity + " x " + item.nameEn() + " (" + item.kind() + ", item " + request.itemId() + ")";
        Postings.Posted account = postings.post(household.communityId(), household.householdId(), -credits, EntryKind.REDEMPTION,
                        reason, entryId, redemptionId)
                .orElseThrow(() -> RedemptionRefused.insufficientBalance(
                        postings.balance(household.communityId(), household.householdId()), credits));
        // 3. The receipt.
        jdbc.sql("""
                INSERT INTO redemption (id, community_id, household_id, idempotency_key, request_hash, item_id, quantity, credits,
                                        balance_after, entry_id, redeemed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(redemptionId, household.communityId(), household.householdId(), key.value(), fingerprint,
                        request.itemId(), quantity, credits, account.balance(), entryId, Timestamp.from(account.at()))
                .update();
        publish(EventIds.derived(redemptionId, "credits-redeemed"), household.communityId(), household.householdId(), redemptionId,
                CreditsRedeemed.REDEEMED, request.itemId(), item.kind(), quantity, credits, account, entryId);
        return new Receipt(redemptionId, household.communityId(), household.householdId(), request.itemId(), item.nameZh(),
                item.nameEn(), item.kind(), quantity, credits, account.balance(), account.at(), entryId, null);
    }

    /** Why the item's conditional update found nothing: no such item here, outside its window, or not enough stock. */
    private RuntimeException whyNot(String communityId, UUID itemId, int quantity) {
        return jdbc.sql("""
                SELECT stock, valid_from, valid_until, valid_from <= now() AND valid_until > now() AS current
                FROM catalogue_item WHERE id = ? AND community_id = ?""")
                .params(itemId, communityId)
                .query((rs, row) -> rs.getBoolean("current")
                        ? (RuntimeException) RedemptionRefused.outOfStock(rs.getInt("stock"), quantity)
                        : RedemptionRefused.outsideValidity(rs.getTimestamp("valid_from").toInstant(),
                                rs.getTimestamp("valid_until").toInstant()))
                .optional()
                .orElseGet(() -> new NotFoundException("No catalogue item " + itemId + " in community " + communityId));
    }

    /**
     * Reverses a redemption of the community, once: the credits come back as a new REDEMPTION_REVERSAL entry and the
     * stock is restored; the redemption and its debit stay as they were.
     *
     * @return the reversal, and whether an earlier call had made it
     */
    ReversalOutcome reverse(String communityId, UUID redemptionId, ReversalRequest request, Caller caller) {
        Receipt redemption = receipt(communityId, redemptionId)
                .orElseThrow(() -> new NotFoundException("No redemption " + redemptionId + " in community " + communityId));
        Optional<Reversal> earlier = reversal(redemptionId);
        if (earlier.isPresent()) {
            return new ReversalOutcome(earlier.get(), true);
        }
        try {
            Reversal reversal = transactions.execute(status -> giveBack(redemption, request, caller));
            reversed.increment(reversal.credits());
            return new ReversalOutcome(reversal, false);
        }
        catch (DuplicateKeyException reversedMeanwhile) {
            return new ReversalOutcome(reversal(redemptionId).orElseThrow(() -> reversedMeanwhile), true);
        }
    }

    record ReversalOutcome(Reversal reversal, boolean replayed) {
    }

    private Reversal giveBack(Receipt redemption, ReversalRequest request, Caller caller) {
        // Same lock order as a redemption: the item, then the account.
        jdbc.sql("UPDATE catalogue_item SET stock = stock + ?, updated_at = now() WHERE id = ?")
                .params(redemption.quantity(), redemption.itemId()).update();
        UUID entryId = EventIds.derived(redemption.id(), "reversal-ledger-entry");
        String reason = "reversal of redemption " + redemption.id() + ": " + request.reason();
        Postings.Posted account = postings.post(redemption.communityId(), redemption.householdId(), redemption.credits(),
                        EntryKind.REDEMPTION_REVERSAL, reason, entryId, EventIds.derived(redemption.id(), "reversal"))
                .orElseThrow(() -> new IllegalStateException("The account of redemption " + redemption.id() + " is gone"));
        String by = caller.subject().isEmpty() ? "unknown" : caller.subject();
        jdbc.sql("""
                INSERT INTO redemption_reversal (redemption_id, entry_id, reason, balance_after, reversed_by, reversed_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(redemption.id(), entryId, request.reason(), account.balance(), by, Timestamp.from(account.at()))
                .update();
        publish(EventIds.derived(redemption.id(), "redemption-reversed"), redemption.communityId(), redemption.householdId(),
                redemption.id(), CreditsRedeemed.REVERSED, redemption.itemId(), redemption.kind(), redemption.quantity(),
                redemption.credits(), account, entryId);
        return new Reversal(redemption.id(), redemption.communityId(), redemption.householdId(), entryId, redemption.credits(),
                account.balance(), request.reason(), by, account.at());
    }

    /** The event of a redemption or reversal, through the outbox in the transaction that wrote it. */
    private void publish(UUID eventId, String communityId, String householdId, UUID redemptionId, String action, UUID itemId,
            ItemKind kind, int quantity, long credits, Postings.Posted account, UUID entryId) {
        outbox.publishAll(List.of(new Outbox.Message(CreditsTopics.REDEMPTIONS, householdId, new CreditsRedeemed(eventId,
                CreditsRedeemed.SCHEMA_VERSION, communityId, account.at(), householdId, redemptionId, action, itemId, kind.name(),
                quantity, Quantity.of(BigDecimal.valueOf(credits), Unit.CREDIT),
                Quantity.of(BigDecimal.valueOf(account.balance()), Unit.CREDIT), entryId))));
    }

    Optional<Receipt> receipt(String communityId, UUID redemptionId) {
        return jdbc.sql(RECEIPT + " WHERE r.id = ? AND r.community_id = ?").params(redemptionId, communityId)
                .query(Redemptions::receipt).optional();
    }

    PageView<Receipt> receipts(Caller.ResidentScope household, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM redemption WHERE community_id = ? AND household_id = ?")
                .params(household.communityId(), household.householdId()).query(Long.class).single();
        List<Receipt> receipts = jdbc.sql(RECEIPT + """
                 WHERE r.community_id = ? AND r.household_id = ? ORDER BY r.redeemed_at DESC, r.id LIMIT ? OFFSET ?""")
                .params(household.communityId(), household.householdId(), size, (long) page * size)
                .query(Redemptions::receipt).list();
        return new PageView<>(receipts, page, size, total, (int) ((total + size - 1) / size));
    }

    private Optional<Reversal> reversal(UUID redemptionId) {
        return jdbc.sql("""
                SELECT v.redemption_id, r.community_id, r.household_id, v.entry_id, r.credits, v.balance_after, v.reason,
                       v.reversed_by, v.reversed_at
                FROM redemption_reversal v JOIN redemption r ON r.id = v.redemption_id WHERE v.redemption_id = ?""")
                .param(redemptionId)
                .query((rs, row) -> new Reversal(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .optional();
    }

    private static Receipt receipt(ResultSet rs, int row) throws SQLException {
        Timestamp reversedAt = rs.getTimestamp("reversed_at");
        return new Receipt(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("household_id"),
                rs.getObject("item_id", UUID.class), rs.getString("name_zh"), rs.getString("name_en"),
                ItemKind.valueOf(rs.getString("kind")), rs.getInt("quantity"), rs.getLong("credits"), rs.getLong("balance_after"),
                rs.getTimestamp("redeemed_at").toInstant(), rs.getObject("entry_id", UUID.class),
                reversedAt == null ? null : reversedAt.toInstant());
    }

    private record Item(String nameZh, String nameEn, ItemKind kind, long price) {
    }
}
