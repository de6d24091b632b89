package org.communitycarbon.credits.redemption;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.communitycarbon.credits.ledger.EntryKind;
import org.communitycarbon.credits.ledger.AccountQueue;
import org.communitycarbon.credits.ledger.EntryHash;
import org.communitycarbon.credits.ledger.Postings;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.credits.CreditsRedeemed;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.persistence.SqlArrays;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** The most redemptions of one account written in one transaction. */
    static final int MAX_BATCH = 64;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Postings postings;
    private final AccountQueue accounts;
    private final Counter redeemed;
    private final Counter reversed;
    /** Each account's redemptions waiting for their turn, in arrival order (key: community|household). */
    private final ConcurrentHashMap<String, Deque<Waiting>> waiting = new ConcurrentHashMap<>();

    Redemptions(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager, Outbox outbox,
            Postings postings, AccountQueue accounts, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.template = template;
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
     * <p>Group commit: the request waits in its account's queue ({@link AccountQueue}); the request that gets the
     * account's turn takes up to {@value #MAX_BATCH} waiting requests of the account and writes them in one transaction,
     * in arrival order, each decided on its own ({@link #together}). Each caller gets the answer it would have had alone.
     *
     * @throws RedemptionRefused when the balance, the stock or the item's validity window does not allow it
     * @throws ConflictException when the key was used by the household for a different request
     */
    Outcome redeem(Caller.ResidentScope household, String idempotencyKey, RedeemRequest request) {
        IdempotencyKey key = new IdempotencyKey(idempotencyKey);
        String fingerprint = request.itemId() + " x" + request.quantity();
        // No receipt query before the queue: the transaction that writes a request checks its key first (Again below),
        // so only a request whose key was used reads the earlier receipt.
        boolean keyUsed = false;
        while (true) {
            if (keyUsed) {
                Optional<Outcome> earlier = replay(household, key, fingerprint);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            Waiting mine = new Waiting(household, key, fingerprint, request);
            String account = household.communityId() + "|" + household.householdId();
            waiting.compute(account, (k, queue) -> {
                Deque<Waiting> q = queue == null ? new ArrayDeque<>() : queue;
                q.add(mine);
                return q;
            });
            try {
                // one debit transaction of the account at a time from this instance; the database keeps it right anyway
                accounts.inTurn(household.communityId(), household.householdId(), () -> {
                    while (!mine.answer.isDone()) {
                        List<Waiting> batch = take(account);
                        if (batch.isEmpty()) {
                            throw new IllegalStateException("A redemption left its account's queue unanswered");
                        }
                        execute(batch);
                    }
                    return null;
                });
            }
            catch (CannotAcquireLockException busy) {
                if (withdraw(account, mine)) {
                    throw busy;
                }
                // another request took ours into its transaction: its answer is coming
            }
            try {
                Receipt receipt = mine.answer.join();
                redeemed.increment(receipt.credits());
                return new Outcome(receipt, false);
            }
            catch (CompletionException failed) {
                Throwable cause = failed.getCause();
                if (cause instanceof Again) {
                    keyUsed = true;
                    continue; // the key was used before, or earlier in the same batch: answer with that request's receipt
                }
                if (cause instanceof DuplicateKeyException sameKeyMeanwhile) {
                    // Another request with this key committed first (the unique key refused ours, whose transaction rolled back).
                    return replay(household, key, fingerprint).orElseThrow(() -> sameKeyMeanwhile);
                }
                if (cause instanceof RuntimeException refused) {
                    throw refused;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** A redemption waiting for its account's turn, and its answer: a receipt, a refusal, or {@link Again}. */
    private static final class Waiting {
        final Caller.ResidentScope household;
        final IdempotencyKey key;
        final String fingerprint;
        final RedeemRequest request;
        final CompletableFuture<Receipt> answer = new CompletableFuture<>();

        Waiting(Caller.ResidentScope household, IdempotencyKey key, String fingerprint, RedeemRequest request) {
            this.household = household;
            this.key = key;
            this.fingerprint = fingerprint;
            this.request = request;
        }
    }

    /** The request's key was used by a request decided before it: it starts over, and finds that request's receipt. */
    private static final class Again extends RuntimeException {
        Again() {
            super("idempotency key used meanwhile", null, false, false);
        }
    }

    private List<Waiting> take(String account) {
        List<Waiting> batch = new ArrayList<>();
        waiting.computeIfPresent(account, (k, queue) -> {
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return queue.isEmpty() ? null : queue;
        });
        return batch;
    }

    /** Takes the request out of its queue; false when another request had already taken it into its batch. */
    private boolean withdraw(String account, Waiting mine) {
        boolean[] removed = {false};
        waiting.computeIfPresent(account, (k, queue) -> {
            removed[0] = queue.remove(mine);
            return queue.isEmpty() ? null : queue;
        });
        return removed[0];
    }

    /**
     * Writes a batch of one account's redemptions and answers each: one alone exactly as before; several in one
     * transaction, and if that transaction fails (another instance used a key, a guard refused), one at a time.
     */
    private void execute(List<Waiting> batch) {
        try {
            if (batch.size() == 1) {
                alone(batch.get(0));
                return;
            }
            List<Object> answers;
            try {
                answers = transactions.execute(status -> together(batch));
            }
            catch (RuntimeException batchFailed) {
                for (Waiting request : batch) {
                    alone(request);
                }
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                Object answer = answers.get(i);
                if (answer instanceof Receipt receipt) {
                    batch.get(i).answer.complete(receipt);
                }
                else {
                    batch.get(i).answer.completeExceptionally((RuntimeException) answer);
                }
            }
        }
        catch (RuntimeException | Error unexpected) {
            for (Waiting request : batch) {
                request.answer.completeExceptionally(unexpected);
            }
            throw unexpected;
        }
    }

    /** One redemption in its own transaction, as before group commit; its key checked first, as a batch checks them. */
    private void alone(Waiting request) {
        try {
            request.answer.complete(transactions.execute(status -> {
                if (keyUsed(request.household, request.key)) {
                    throw new Again();
                }
                return debit(request.household, request.key, request.fingerprint, request.request);
            }));
        }
        catch (RuntimeException failed) {
            request.answer.completeExceptionally(failed);
        }
    }

    /**
     * Several redemptions of one account in the current transaction, in order, each decided as it would be alone: its
     * key not used before (else {@link Again}), the item here, redeemable now and in stock, the balance covering it — the
     * items' and the account's rows locked (in that order, as a single redemption locks them), the stock and balance
     * then followed in memory. One statement each for the stocks, the account (conditional: never below zero), the
     * chained entries, the receipts and the outbox. Returns a Receipt or the refusal per request.
     */
    private List<Object> together(List<Waiting> batch) {
        String communityId = batch.get(0).household.communityId();
        String householdId = batch.get(0).household.householdId();
        Set<String> used = new HashSet<>(template.query(connection -> {
            var statement = SqlArrays.statement(connection, """
                    SELECT idempotency_key FROM redemption
                    WHERE idempotency_key = ANY(?) AND community_id = ? AND household_id = ?""",
                    SqlArrays.of("text", batch, w -> w.key.value()));
            statement.setString(2, communityId);
            statement.setString(3, householdId);
            return statement;
        }, (rs, row) -> rs.getString(1)));
        Map<UUID, StockedItem> items = new HashMap<>();
        template.query(connection -> {
            var statement = SqlArrays.statement(connection, """
                    SELECT id, stock, price, kind, name_zh, name_en, valid_from, valid_until,
                           valid_from <= now() AND valid_until > now() AS current
                    FROM catalogue_item WHERE id = ANY(?::uuid[]) AND community_id = ? ORDER BY id FOR UPDATE""",
                    SqlArrays.of("text", batch.stream().map(w -> w.request.itemId().toString()).distinct().toList(), id -> id));
            statement.setString(2, communityId);
            return statement;
        }, rs -> {
            items.put(rs.getObject("id", UUID.class), new StockedItem(new Item(rs.getString("name_zh"), rs.getString("name_en"),
                    ItemKind.valueOf(rs.getString("kind")), rs.getLong("price")), rs.getInt("stock"),
                    rs.getTimestamp("valid_from").toInstant(), rs.getTimestamp("valid_until").toInstant(), rs.getBoolean("current")));
        });
        List<AccountRow> rows = template.query("""
                SELECT balance, chain_length, head_hash, now() AS at FROM credit_account
                WHERE community_id = ? AND household_id = ? FOR UPDATE""", (rs, row) -> {
            byte[] head = rs.getBytes("head_hash");
            return new AccountRow(rs.getLong("balance"), rs.getLong("chain_length"), head == null ? EntryHash.GENESIS : head,
                    EntryHash.micros(rs.getTimestamp("at").toInstant()));
        }, communityId, householdId);
        AccountRow account = rows.isEmpty() ? null : rows.get(0);
        long balance = account == null ? 0 : account.balance();
        long position = account == null ? 0 : account.chainLength();
        byte[] previous = account == null ? EntryHash.GENESIS : account.head();
        Instant at = account == null ? Instant.EPOCH : account.at();

        List<Object> answers = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<UUID, Integer> taken = new LinkedHashMap<>();
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> receipts = new ArrayList<>();
        List<Outbox.Message> events = new ArrayList<>();
        long debited = 0;
        for (Waiting request : batch) {
            int quantity = request.request.quantity();
            UUID itemId = request.request.itemId();
            StockedItem item = items.get(itemId);
            if (used.contains(request.key.value()) || !keys.add(request.key.value())) {
                answers.add(new Again());
            }
            else if (item == null) {
                answers.add(new NotFoundException("No catalogue item " + itemId + " in community " + communityId));
            }
            else if (!item.current()) {
                answers.add(RedemptionRefused.outsideValidity(item.validFrom(), item.validUntil()));
            }
            else if (item.stock < quantity) {
                answers.add(RedemptionRefused.outOfStock(item.stock, quantity));
            }
            else if (account == null || balance < item.item().price() * quantity) {
                answers.add(RedemptionRefused.insufficientBalance(balance, item.item().price() * quantity));
            }
            else {
                long credits = item.item().price() * quantity;
                item.stock -= quantity;
                taken.merge(itemId, quantity, Integer::sum);
                balance -= credits;
                position++;
                debited += credits;
                UUID redemptionId = UUID.randomUUID();
                UUID entryId = EventIds.derived(redemptionId, "ledger-entry");
                Item goods = item.item();
                String reason = "redemption: " + quantity + " x " + goods.nameEn() + " (" + goods.kind() + ", item " + itemId + ")";
                byte[] hash = EntryHash.of(new EntryHash.Content(entryId, communityId, householdId, position, -credits, balance,
                        EntryKind.REDEMPTION.name(), reason, redemptionId, at, at, previous));
                entries.add(new Object[] {entryId, communityId, householdId, -credits, balance, EntryKind.REDEMPTION.name(), reason,
                        redemptionId, Timestamp.from(at), Timestamp.from(at), position, previous, hash});
                previous = hash;
                receipts.add(new Object[] {redemptionId, communityId, householdId, request.key.value(), request.fingerprint, itemId,
                        quantity, credits, balance, entryId, Timestamp.from(at)});
                events.add(message(EventIds.derived(redemptionId, "credits-redeemed"), communityId, householdId, redemptionId,
                        CreditsRedeemed.REDEEMED, itemId, goods.kind(), quantity, credits,
                        new Postings.Posted(entryId, balance, position, at), entryId));
                answers.add(new Receipt(redemptionId, communityId, householdId, itemId, goods.nameZh(), goods.nameEn(), goods.kind(),
                        quantity, credits, balance, at, entryId, null));
            }
        }
        if (entries.isEmpty()) {
            return answers;
        }
        List<UUID> takenIds = new ArrayList<>(taken.keySet());
        int stocks = template.update(connection -> {
            var statement = SqlArrays.statement(connection, """
                    UPDATE catalogue_item c SET stock = c.stock - t.q, updated_at = now()
                    FROM unnest(?::uuid[], ?::integer[]) AS t(id, q) WHERE c.id = t.id AND c.stock >= t.q""",
                    SqlArrays.of("text", takenIds, UUID::toString), SqlArrays.of("integer", takenIds, taken::get));
            return statement;
        });
        // the database still guards: the stocks and the balance never go below zero, or nothing of the batch is written
        int moved = template.update("""
                UPDATE credit_account SET balance = balance - ?, chain_length = chain_length + ?, head_hash = ?, updated_at = now()
                WHERE community_id = ? AND household_id = ? AND balance - ? >= 0 AND chain_length = ?""",
                debited, entries.size(), previous, communityId, householdId, debited, account.chainLength());
        if (stocks != takenIds.size() || moved != 1) {
            throw new IllegalStateException("A stock or the balance moved under the batch's locks");
        }
        template.batchUpdate("""
                INSERT INTO ledger_entry (id, community_id, household_id, amount, balance_after, kind, reason, source_event_id,
                                          occurred_at, recorded_at, account_seq, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries);
        template.batchUpdate("""
                INSERT INTO redemption (id, community_id, household_id, idempotency_key, request_hash, item_id, quantity, credits,
                                        balance_after, entry_id, redeemed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", receipts);
        outbox.publishAll(events);
        return answers;
    }

    /** A catalogue item locked by a batch, its stock followed in memory as the batch's requests take it. */
    private static final class StockedItem {
        private final Item item;
        int stock;
        private final Instant validFrom;
        private final Instant validUntil;
        private final boolean current;

        StockedItem(Item item, int stock, Instant validFrom, Instant validUntil, boolean current) {
            this.item = item;
            this.stock = stock;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
            this.current = current;
        }

        Item item() {
            return item;
        }

        Instant validFrom() {
            return validFrom;
        }

        Instant validUntil() {
            return validUntil;
        }

        boolean current() {
            return current;
        }
    }

    /** The account's row as a batch locked it: balance, chain length and head before the batch, the transaction's time. */
    private record AccountRow(long balance, long chainLength, byte[] head, Instant at) {
    }

    private boolean keyUsed(Caller.ResidentScope household, IdempotencyKey key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM redemption WHERE community_id = ? AND household_id = ? AND idempotency_key = ?)")
                .params(household.communityId(), household.householdId(), key.value()).query(Boolean.class).single();
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
        outbox.publishAll(List.of(message(eventId, communityId, householdId, redemptionId, action, itemId, kind, quantity, credits,
                account, entryId)));
    }

    private static Outbox.Message message(UUID eventId, String communityId, String householdId, UUID redemptionId, String action,
            UUID itemId, ItemKind kind, int quantity, long credits, Postings.Posted account, UUID entryId) {
        return new Outbox.Message(CreditsTopics.REDEMPTIONS, householdId, new CreditsRedeemed(eventId,
                CreditsRedeemed.SCHEMA_VERSION, communityId, account.at(), householdId, redemptionId, action, itemId, kind.name(),
                quantity, Quantity.of(BigDecimal.valueOf(credits), Unit.CREDIT),
                Quantity.of(BigDecimal.valueOf(account.balance()), Unit.CREDIT), entryId));
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
