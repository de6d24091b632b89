package org.communitycarbon.credits.ledger;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.credits.earning.Earnings;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.credits.CreditsAwarded;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.persistence.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Credits reductions, and recycling pickups settled in credits, into household ledgers. A batch is one transaction and a handful of round trips
 * however many households it touches: claim the events, move each household's balance once (which locks its
 * account row), append the entries chained to the account's previous entry ({@link EntryHash}), set each account's
 * new chain head, queue the {@link CreditsAwarded} events.
 */
@Service
public class Ledger {

    static final String CONSUMER = "credits.reductions";
    /** The inbox consumer that claims pickup settlements. */
    static final String SETTLEMENTS = "credits.pickup-settlements";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final Earnings earnings;
    private final Counter awarded;

    Ledger(JdbcTemplate jdbc, ProcessedEvents processed, Outbox outbox, Earnings earnings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.outbox = outbox;
        this.earnings = earnings;
        this.awarded = Counter.builder("credits.awarded").description("Credits awarded for carbon reductions")
                .baseUnit("credits").register(meters);
    }

    /**
     * Credits every reduction not credited before; returns how many ledger entries it wrote. A {@code RECYCLED_GOODS}
     * reduction earns nothing here: its kilograms are paid by the pickup's settlement ({@link #paySettlements}), at the
     * community's credits per kg, so they are credited once.
     */
    @Transactional
    public int award(List<CarbonReductionRecorded> reductions) {
        Set<UUID> fresh = processed.claim(CONSUMER, reductions.stream().map(CarbonReductionRecorded::eventId).toList());
        List<CarbonReductionRecorded> toCredit = new ArrayList<>();
        for (CarbonReductionRecorded reduction : reductions) {
            // fresh.remove: the same event twice in one batch is still credited once
            if (fresh.remove(reduction.eventId()) && reduction.behaviour() != ReductionBehaviour.RECYCLED_GOODS) {
                toCredit.add(reduction);
            }
        }
        if (toCredit.isEmpty()) {
            return 0;
        }
        // The households' account rows are locked before the rules count their caps, until the transaction ends.
        lockAccounts(toCredit.stream().map(r -> new Household(r.communityId(), r.householdId())).toList());
        Map<Household, List<Credit>> byHousehold = new LinkedHashMap<>();
        for (Earnings.Decision decision : earnings.decide(toCredit)) {
            CarbonReductionRecorded reduction = decision.reduction();
            if (decision.credits() > 0) {
                byHousehold.computeIfAbsent(new Household(reduction.communityId(), reduction.householdId()), h -> new ArrayList<>())
                        .add(new Credit(reduction.eventId(), reduction.occurredAt(), decision.credits(), EntryKind.REDUCTION_AWARD,
                                reason(reduction) + decision.note()));
            }
        }
        return write(byHousehold);
    }

    /**
     * Pays the credits of every pickup settlement not paid before that was settled in {@code CREDITS}: one
     * {@code RECYCLING_SETTLEMENT} entry of the settlement's {@code credits} (the community's credits per kg at collection,
     * as the resident was told at the door), its id derived from the settlement's event id. The earning rules' caps,
     * velocity limit, plausibility bounds and campaigns do not apply — it is a price, like the cash of a cash settlement —
     * and the payment does not count towards the caps of other behaviours; it is recorded as a credited
     * {@code RECYCLED_GOODS} behaviour for the rating. A {@code CASH} settlement earns nothing. Returns the entries written.
     */
    @Transactional
    public int paySettlements(List<PickupSettled> settlements) {
        Set<UUID> fresh = processed.claim(SETTLEMENTS, settlements.stream().map(PickupSettled::eventId).toList());
        List<PickupSettled> toPay = new ArrayList<>();
        for (PickupSettled settlement : settlements) {
            if (fresh.remove(settlement.eventId()) && settlement.settlement() == Settlement.CREDITS
                    && settlement.credits().value().signum() > 0) {
                toPay.add(settlement);
            }
        }
        if (toPay.isEmpty()) {
            return 0;
        }
        lockAccounts(toPay.stream().map(s -> new Household(s.communityId(), s.householdId())).toList());
        Map<Household, List<Credit>> byHousehold = new LinkedHashMap<>();
        List<Earnings.Payment> payments = new ArrayList<>();
        for (PickupSettled settlement : toPay) {
            long credits = settlement.credits().value().longValueExact();
            byHousehold.computeIfAbsent(new Household(settlement.communityId(), settlement.householdId()), h -> new ArrayList<>())
                    .add(new Credit(settlement.eventId(), settlement.occurredAt(), credits, EntryKind.RECYCLING_SETTLEMENT,
                            reason(settlement)));
            payments.add(new Earnings.Payment(settlement.eventId(), settlement.communityId(), settlement.householdId(),
                    ReductionBehaviour.RECYCLED_GOODS, settlement.occurredAt(), credits, "recycling settlement: "
                            + "paid at the community's credits per kg, outside the earning rules"));
        }
        earnings.recordPayments(payments);
        return write(byHousehold);
    }

    /**
     * Enters the credits of the batch, its households' accounts locked: moves each household's balance once, appends
     * the entries chained to the account's previous entry, sets each account's new head and queues a
     * {@link CreditsAwarded} per entry; ids derive from each credit's source event.
     */
    private int write(Map<Household, List<Credit>> byHousehold) {
        if (byHousehold.isEmpty()) {
            return 0;
        }
        Map<Household, AccountState> accounts = addToBalances(byHousehold);
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> heads = new ArrayList<>();
        List<Outbox.Message> events = new ArrayList<>();
        long total = 0;
        for (var household : byHousehold.entrySet()) {
            Household owner = household.getKey();
            AccountState account = accounts.get(owner);
            List<Credit> credits = household.getValue();
            // The upsert locked the account row until commit: nobody else chains to this head meanwhile.
            long balance = account.balance() - sum(credits);
            long position = account.chainLength() - credits.size();
            byte[] previous = account.previousHead();
            for (Credit credit : credits) {
                balance += credit.credits();
                position++;
                total += credit.credits();
                UUID entryId = EventIds.derived(credit.sourceEventId(), "ledger-entry");
                Instant occurredAt = EntryHash.micros(credit.occurredAt());
                EntryHash.Content content = new EntryHash.Content(entryId, owner.communityId(), owner.householdId(),
                        position, credit.credits(), balance, credit.kind().name(), credit.reason(), credit.sourceEventId(),
                        occurredAt, account.recordedAt(), previous);
                byte[] hash = EntryHash.of(content);
                entries.add(new Object[] {entryId, owner.communityId(), owner.householdId(), credit.credits(), balance,
                        credit.kind().name(), credit.reason(), credit.sourceEventId(), Timestamp.from(occurredAt),
                        Timestamp.from(account.recordedAt()), position, previous, hash});
                previous = hash;
                events.add(new Outbox.Message(CreditsTopics.CREDITS_AWARDED, owner.householdId(), new CreditsAwarded(
                        EventIds.derived(credit.sourceEventId(), "credits-awarded"), CreditsAwarded.SCHEMA_VERSION,
                        owner.communityId(), credit.occurredAt(), owner.householdId(), entryId,
                        Quantity.of(BigDecimal.valueOf(credit.credits()), Unit.CREDIT),
                        Quantity.of(BigDecimal.valueOf(balance), Unit.CREDIT), forEvent(credit.reason()), credit.sourceEventId())));
            }
            heads.add(new Object[] {owner.communityId(), owner.householdId(), EntryHash.hex(previous)});
        }
        jdbc.batchUpdate("""
                INSERT INTO ledger_entry (id, community_id, household_id, amount, balance_after, kind, reason, source_event_id, occurred_at,
                                          recorded_at, account_seq, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries);
        setHeads(heads);
        outbox.publishAll(events);
        awarded.increment(total);
        return entries.size();
    }

    /**
     * One upsert for all households of the batch, which locks their account rows until the transaction ends; returns
     * each household's balance and chain length after it, and the chain's head before it.
     */
    private Map<Household, AccountState> addToBalances(Map<Household, List<Credit>> byHousehold) {
        List<String> communities = new ArrayList<>();
        List<String> households = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        byHousehold.forEach((household, credits) -> {
            communities.add(household.communityId());
            households.add(household.householdId());
            amounts.add(sum(credits));
            counts.add((long) credits.size());
        });
        Map<Household, AccountState> accounts = new HashMap<>();
        jdbc.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO credit_account AS a (community_id, household_id, balance, earned_total, updated_at, chain_length)
                    SELECT c, h, x, x, now(), n FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS t(c, h, x, n)
                    ON CONFLICT (community_id, household_id) DO UPDATE
                    SET balance = a.balance + EXCLUDED.balance,
                        earned_total = a.earned_total + EXCLUDED.earned_total,
                        updated_at = now(),
                        chain_length = a.chain_length + EXCLUDED.chain_length
                    RETURNING community_id, household_id, balance, chain_length, head_hash, updated_at""");
            statement.setArray(1, array(connection, "text", communities.toArray()));
            statement.setArray(2, array(connection, "text", households.toArray()));
            statement.setArray(3, array(connection, "bigint", amounts.toArray()));
            statement.setArray(4, array(connection, "bigint", counts.toArray()));
            return statement;
        }, rs -> {
            byte[] head = rs.getBytes(5);
            accounts.put(new Household(rs.getString(1), rs.getString(2)), new AccountState(rs.getLong(3), rs.getLong(4),
                    head == null ? EntryHash.GENESIS : head, rs.getTimestamp(6).toInstant()));
        });
        return accounts;
    }

    /** Creates the households' accounts if need be and locks their rows until the transaction ends. */
    private void lockAccounts(List<Household> of) {
        List<Household> households = of.stream().distinct()
                .sorted(java.util.Comparator.comparing(Household::communityId).thenComparing(Household::householdId)).toList();
        jdbc.update((Connection connection) -> SqlArrays.statement(connection, """
                INSERT INTO credit_account AS a (community_id, household_id, balance, earned_total, updated_at, chain_length)
                SELECT c, h, 0, 0, now(), 0 FROM unnest(?::text[], ?::text[]) AS t(c, h)
                ON CONFLICT (community_id, household_id) DO UPDATE SET updated_at = a.updated_at""",
                SqlArrays.of("text", households, Household::communityId), SqlArrays.of("text", households, Household::householdId)));
    }

    /** The new head of each account's chain, in the transaction that holds the account rows' locks. */
    private void setHeads(List<Object[]> heads) {
        jdbc.update((Connection connection) -> SqlArrays.statement(connection, """
                UPDATE credit_account a SET head_hash = decode(t.x, 'hex')
                FROM unnest(?::text[], ?::text[], ?::text[]) AS t(c, h, x)
                WHERE a.community_id = t.c AND a.household_id = t.h""",
                SqlArrays.of("text", heads, head -> head[0]), SqlArrays.of("text", heads, head -> head[1]),
                SqlArrays.of("text", heads, head -> head[2])));
    }

    private static Array array(Connection connection, String type, Object[] values) throws java.sql.SQLException {
        return connection.createArrayOf(type, values);
    }

    private static long sum(List<Credit> credits) {
        return credits.stream().mapToLong(Credit::credits).sum();
    }

    /** The event carries at most 200 characters of the reason; the ledger entry keeps all of it. */
    static String forEvent(String reason) {
        if (reason.length() <= 200) {
            return reason;
        }
        int end = Character.isHighSurrogate(reason.charAt(198)) ? 198 : 199;
        return reason.substring(0, end) + "…";
    }

    private static String reason(CarbonReductionRecorded reduction) {
        return reduction.behaviour().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                + reduction.activity() + " = " + reduction.reduction() + " (" + reduction.methodology() + ")";
    }

    /** {@code recycled goods: 4.7 kg weighed at the door, pickup 7d4c…, price version 2}. */
    private static String reason(PickupSettled settlement) {
        return "recycled goods: " + settlement.totalWeight().value().stripTrailingZeros().toPlainString() + " kg weighed at the door, pickup "
                + settlement.pickupId() + ", price version " + settlement.priceVersion();
    }

    private record Household(String communityId, String householdId) {
    }

    /** Credits to enter for an event: the kind and reason of the entry, and the event its ids derive from. */
    private record Credit(UUID sourceEventId, Instant occurredAt, long credits, EntryKind kind, String reason) {
    }

    /** An account after the balance upsert: its chain's head is still the one before this batch. */
    private record AccountState(long balance, long chainLength, byte[] previousHead, Instant recordedAt) {
    }
}
