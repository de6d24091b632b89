package org.communitycarbon.credits.transfer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.credits.ledger.EntryKind;
import org.communitycarbon.credits.ledger.Postings;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestOutcome;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the recycling service's credit requests to the ledger, each once (claimed in the inbox in the transaction
 * that moves the credits) and each as two chained entries of one kind — the payer's debit and the payee's credit —
 * through {@link Postings}, so a balance never goes below zero:
 * <ul>
 * <li>HOLD: the household pays the deposit into the community's deposit account {@value #DEPOSITS}
 * ({@code DEPOSIT_HOLD}); refused when it holds fewer credits;</li>
 * <li>RELEASE: the deposit account gives the held credits back ({@code DEPOSIT_RELEASE});</li>
 * <li>FORFEIT: the deposit account pays them to the community's account {@value #COMMUNITY} ({@code DEPOSIT_FORFEIT});
 * a RELEASE or FORFEIT is refused when its HOLD was never applied;</li>
 * <li>TRANSFER: the requesting household pays the listing's owner ({@code EXCHANGE_TRANSFER}); refused when it holds
 * fewer credits.</li>
 * </ul>
 * A refused request moves nothing and opens no account: the payee's account, opened to lock both in one order, is
 * removed again in the same transaction when it was new.
 * Each request's outcome is one {@link CreditRequestDecided} through the outbox, in the same transaction.
 */
@Service
public class CreditRequests {

    /** The inbox consumer that claims credit requests. */
    static final String CONSUMER = "credits.credit-requests";
    /**
     * The account of a community that holds tools' deposits. Not a household: its id cannot be one (a household id
     * starts with a letter or digit).
     */
    public static final String DEPOSITS = "~tool-deposits";
    /**
     * The account of a community that receives forfeited deposits: the community's own account,
     * {@link CarbonReductionRecorded#COMMUNITY_ACCOUNT}, under which the accounting service records its PV generation.
     */
    public static final String COMMUNITY = CarbonReductionRecorded.COMMUNITY_ACCOUNT;

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final Postings postings;
    private final Outbox outbox;

    CreditRequests(JdbcClient jdbc, ProcessedEvents processed, Postings postings, Outbox outbox) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.postings = postings;
        this.outbox = outbox;
    }

    /** Applies or refuses each request not seen before, in order; returns the outcomes of those. */
    @Transactional
    public List<CreditRequestDecided> apply(List<CreditRequested> requests) {
        Set<UUID> fresh = processed.claim(CONSUMER, requests.stream().map(CreditRequested::eventId).toList());
        List<CreditRequestDecided> decided = new ArrayList<>();
        for (CreditRequested request : requests) {
            if (fresh.remove(request.eventId())) {
                CreditRequestDecided outcome = decide(request);
                outbox.publish(CreditRequestTopics.CREDIT_REQUEST_OUTCOMES, request.communityId(), outcome);
                decided.add(outcome);
            }
        }
        return decided;
    }

    private CreditRequestDecided decide(CreditRequested request) {
        String community = request.communityId();
        long asked = request.credits().value().longValueExact();
        return switch (request.kind()) {
            case HOLD -> move(request, request.householdId(), DEPOSITS, asked, EntryKind.DEPOSIT_HOLD,
                    "The household holds %d credits; the tool's deposit is %d");
            case TRANSFER -> move(request, request.householdId(), request.toHouseholdId(), asked, EntryKind.EXCHANGE_TRANSFER,
                    "The household holds %d credits; the item asks %d");
            case RELEASE, FORFEIT -> {
                Optional<Long> held = jdbc.sql("""
                        SELECT -amount FROM ledger_entry WHERE source_event_id = ? AND kind = 'DEPOSIT_HOLD'
                          AND community_id = ? AND household_id = ?""")
                        .params(request.holdId(), community, request.householdId()).query(Long.class).optional();
                if (held.isEmpty()) {
                    yield refused(request, "No deposit was held for this booking");
                }
                boolean release = request.kind() == org.communitycarbon.model.recycling.CreditRequestKind.RELEASE;
                yield move(request, DEPOSITS, release ? request.householdId() : COMMUNITY, held.get(),
                        release ? EntryKind.DEPOSIT_RELEASE : EntryKind.DEPOSIT_FORFEIT, "The deposit account holds %d credits; %d to settle");
            }
        };
    }

    /**
     * Moves {@code credits} from {@code payer} to {@code payee} of the request's community: both accounts locked in
     * one order (by household id) so two requests never deadlock, the payer debited unless that takes it below zero,
     * the payee credited.
     */
    private CreditRequestDecided move(CreditRequested request, String payer, @Nullable String payee, long credits, EntryKind kind,
            String shortfall) {
        String community = request.communityId();
        // the payee's account is opened before either account is locked, so both are locked in one order; this
        // transaction holds the new row until it ends, so nothing else can have used it if the debit is refused
        boolean opened = jdbc.sql("""
                INSERT INTO credit_account (community_id, household_id, balance, earned_total, updated_at, chain_length)
                VALUES (?, ?, 0, 0, now(), 0) ON CONFLICT (community_id, household_id) DO NOTHING""")
                .params(community, payee).update() == 1;
        jdbc.sql("""
                SELECT household_id FROM credit_account WHERE community_id = ? AND household_id IN (?, ?)
                ORDER BY household_id FOR UPDATE""").params(community, payer, payee).query(String.class).list();
        String reason = request.reason();
        Optional<Postings.Posted> debit = postings.post(community, payer, -credits, kind, reason,
                EventIds.derived(request.eventId(), "ledger-entry"), request.eventId());
        if (debit.isEmpty()) {
            if (opened) {
                // a refused request leaves no trace in the accounts: not even an empty payee's account
                jdbc.sql("DELETE FROM credit_account WHERE community_id = ? AND household_id = ? AND chain_length = 0")
                        .params(community, payee).update();
            }
            return refused(request, shortfall.formatted(postings.balance(community, payer), credits));
        }
        postings.post(community, payee, credits, kind, reason, EventIds.derived(request.eventId(), "counter-ledger-entry"),
                EventIds.derived(request.eventId(), "counter-entry")).orElseThrow();
        return decided(request, CreditRequestOutcome.APPLIED, credits, null, debit.get().at());
    }

    private CreditRequestDecided refused(CreditRequested request, String reason) {
        return decided(request, CreditRequestOutcome.REFUSED, 0, reason, Instant.now());
    }

    private static CreditRequestDecided decided(CreditRequested request, CreditRequestOutcome outcome, long credits,
            @Nullable String reason, Instant at) {
        return new CreditRequestDecided(CreditRequestDecided.eventIdOf(request.eventId()), CreditRequestDecided.SCHEMA_VERSION,
                request.communityId(), at, request.eventId(), request.kind(), request.subjectId(), request.householdId(), outcome,
                Quantity.of(BigDecimal.valueOf(credits), Unit.CREDIT), reason);
    }
}
