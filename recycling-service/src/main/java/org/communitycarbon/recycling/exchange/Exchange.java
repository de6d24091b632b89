package org.communitycarbon.recycling.exchange;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestKind;
import org.communitycarbon.model.recycling.CreditRequestOutcome;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second-hand exchange of a community. Each change locks the listing's row: one request is accepted at most, and
 * a listing is handed over once. A listing or request of another community — or, for a resident, one that is not
 * theirs to act on — is "not found".
 *
 * <p>A listing asking credits is handed over once the credits moved (docs/recycling.md#deposits-and-asking-credits): the
 * owner's hand-over asks the credits service to transfer them from the requesting household ({@link CreditRequestKind#TRANSFER}
 * through the outbox); the listing is HANDED_OVER when the transfer is applied, and stays RESERVED with the reason when
 * it is refused, until the owner hands it over again or closes it.
 */
@Service
public class Exchange {

    /** What a reason for withdrawing becomes when the resident has their personal data erased. */
    static final String ERASED = "(erased at the resident's request)";

    /** Most listings one answer shows. */
    static final int PAGE_LIMIT = 200;

    private static final String LISTING = """
            SELECT id, community_id, household_id, title, description, condition, photo_refs, asking_credits, status, listed_at,
                   accepted_request_id, handed_over_at, closed_at, close_reason, payment_state, payment_attempt, payment_note
            FROM exchange_listing""";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Exchange(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    ListingView list(ListingRequest request, Caller caller) {
        Caller.ResidentScope owner = caller.requireResident();
        UUID id = UUID.randomUUID();
        List<String> photos = request.photoRefs() == null ? List.of() : request.photoRefs();
        jdbc.update("""
                INSERT INTO exchange_listing (id, community_id, household_id, title, description, condition, photo_refs,
                    asking_credits, status, listed_at) VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, 'OPEN', ?)""",
                id, owner.communityId(), owner.householdId(), request.title().strip(), text(request.description()),
                request.condition().name(), photos.toArray(String[]::new), request.askingCredits(), Timestamp.from(now()));
        return view(find(id), caller);
    }

    /** A community's listings, newest first, all or those in one status. */
    @Transactional(readOnly = true)
    List<ListingView> ofCommunity(String communityId, @Nullable String status, Caller caller) {
        return jdbc.query(LISTING + " WHERE community_id = ? AND (CAST(? AS text) IS NULL OR status = ?)"
                + " ORDER BY listed_at DESC, id DESC LIMIT ?", (rs, n) -> row(rs), communityId, status, status, PAGE_LIMIT)
                .stream().map(row -> view(row, caller)).toList();
    }

    /** A neighbour of the same community asks for an open listing, once. */
    @Transactional
    ExchangeRequestView request(UUID listingId, @Nullable String message, Caller caller) {
        Caller.ResidentScope resident = caller.requireResident();
        Row listing = lock(listingId);
        if (!listing.communityId().equals(resident.communityId())) {
            throw listingNotFound(listingId);
        }
        if (listing.householdId().equals(resident.householdId())) {
            throw new ConflictException("This is your own listing");
        }
        if (!listing.status().equals("OPEN")) {
            throw new ConflictException("A listing that is " + listing.status() + " takes no requests; that is possible while OPEN");
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        try {
            jdbc.update("""
                    INSERT INTO exchange_request (id, listing_id, household_id, message, status, requested_at)
                    VALUES (?, ?, ?, ?, 'PENDING', ?)""", id, listingId, resident.householdId(), text(message), Timestamp.from(now));
        }
        catch (DuplicateKeyException again) {
            throw new ConflictException("Your household already asked for this listing");
        }
        return new ExchangeRequestView(id, listingId, resident.householdId(), text(message), "PENDING", now);
    }

    /** The requests for a listing: its owner and the property team. */
    @Transactional(readOnly = true)
    List<ExchangeRequestView> requests(UUID listingId, Caller caller) {
        Row listing = find(listingId);
        if (!owns(caller, listing) && !propertyTeam(caller, listing.communityId())) {
            throw listingNotFound(listingId);
        }
        return jdbc.query("""
                SELECT id, listing_id, household_id, message, status, requested_at FROM exchange_request WHERE listing_id = ?
                ORDER BY requested_at, id LIMIT ?""", (rs, n) -> new ExchangeRequestView(rs.getObject("id", UUID.class),
                rs.getObject("listing_id", UUID.class), rs.getString("household_id"), rs.getString("message"), rs.getString("status"),
                rs.getTimestamp("requested_at").toInstant()), listingId, PAGE_LIMIT);
    }

    /** The owner accepts one request: the listing is reserved for that household. */
    @Transactional
    ListingView accept(UUID requestId, Caller caller) {
        List<UUID> listingIds = jdbc.queryForList("SELECT listing_id FROM exchange_request WHERE id = ?", UUID.class, requestId);
        if (listingIds.isEmpty()) {
            throw requestNotFound(requestId);
        }
        Row listing = lock(listingIds.get(0));
        if (!owns(caller, listing)) {
            throw requestNotFound(requestId);
        }
        if (!listing.status().equals("OPEN")) {
            throw new ConflictException("A listing that is " + listing.status() + " cannot accept a request; that is possible while OPEN");
        }
        jdbc.update("UPDATE exchange_request SET status = 'ACCEPTED' WHERE id = ?", requestId);
        jdbc.update("UPDATE exchange_listing SET status = 'RESERVED', accepted_request_id = ? WHERE id = ?", requestId, listing.id());
        return view(find(listing.id()), caller);
    }

    /**
     * The owner hands the item over to the household whose request they accepted: a free listing is closed; one asking
     * credits asks for their transfer and is closed once they moved ({@link #settle}).
     */
    @Transactional
    ListingView handOver(UUID listingId, Caller caller) {
        Row listing = lock(listingId);
        if (!owns(caller, listing)) {
            throw listingNotFound(listingId);
        }
        if (!listing.status().equals("RESERVED")) {
            throw new ConflictException("A listing that is " + listing.status() + " cannot be handed over; accept a request first");
        }
        if (listing.paymentState().equals("REQUESTED")) {
            throw new ConflictException("The " + listing.askingCredits() + " credits of this hand-over are being transferred; "
                    + "the listing closes once they are");
        }
        if (listing.askingCredits() == 0) {
            jdbc.update("UPDATE exchange_listing SET status = 'HANDED_OVER', handed_over_at = ? WHERE id = ?", Timestamp.from(now()),
                    listingId);
            return view(find(listingId), caller);
        }
        String requester = jdbc.queryForObject("SELECT household_id FROM exchange_request WHERE id = ?", String.class,
                listing.acceptedRequestId());
        int attempt = listing.paymentAttempt() + 1;
        jdbc.update("UPDATE exchange_listing SET payment_state = 'REQUESTED', payment_attempt = ?, payment_note = NULL WHERE id = ?",
                attempt, listingId);
        outbox.publish(CreditRequestTopics.CREDIT_REQUESTS, listing.communityId(), new CreditRequested(
                CreditRequested.transferIdOf(listingId, attempt), CreditRequested.SCHEMA_VERSION, listing.communityId(), clock.instant(),
                CreditRequestKind.TRANSFER, listingId, requester, listing.householdId(),
                Quantity.of(java.math.BigDecimal.valueOf(listing.askingCredits()), Unit.CREDIT), null,
                Require.abbreviate("second-hand '" + listing.title() + "' handed over, listing " + listingId, 200)));
        return view(find(listingId), caller);
    }

    /**
     * Follows the credits service's answer to a hand-over's transfer: applied, the listing is HANDED_OVER; refused, it
     * stays RESERVED with the reason for the owner and the requester. An answer to an earlier attempt changes nothing.
     * Called once per outcome, in the transaction that claims it.
     */
    public void settle(CreditRequestDecided outcome) {
        List<Row> found = jdbc.query(LISTING + " WHERE id = ? FOR UPDATE", (rs, n) -> row(rs), outcome.subjectId());
        if (found.isEmpty()) {
            return;
        }
        Row listing = found.get(0);
        if (!listing.paymentState().equals("REQUESTED") || !outcome.requestId().equals(
                CreditRequested.transferIdOf(listing.id(), listing.paymentAttempt()))) {
            return;
        }
        if (outcome.outcome() == CreditRequestOutcome.APPLIED) {
            jdbc.update("""
                    UPDATE exchange_listing SET payment_state = 'TRANSFERRED', status = 'HANDED_OVER', handed_over_at = ? WHERE id = ?""",
                    Timestamp.from(now()), listing.id());
        }
        else {
            jdbc.update("UPDATE exchange_listing SET payment_state = 'REFUSED', payment_note = ? WHERE id = ?",
                    "The " + listing.askingCredits() + " credits could not be transferred from the requesting household; hand "
                            + "over again once it can pay, or close the listing", listing.id());
        }
    }

    /** The owner withdraws a listing, or the property team removes it (moderation), with a reason, before the hand-over. */
    @Transactional
    ListingView close(UUID listingId, String reason, Caller caller) {
        Row listing = lock(listingId);
        String status;
        if (owns(caller, listing)) {
            status = "WITHDRAWN";
        }
        else if (propertyTeam(caller, listing.communityId())) {
            status = "REMOVED";
        }
        else {
            throw listingNotFound(listingId);
        }
        if (!listing.status().equals("OPEN") && !listing.status().equals("RESERVED")) {
            throw new ConflictException("A listing that is " + listing.status() + " cannot be closed; that is possible while OPEN or RESERVED");
        }
        if (listing.paymentState().equals("REQUESTED")) {
            throw new ConflictException("The credits of this hand-over are being transferred; the listing closes once they are");
        }
        jdbc.update("UPDATE exchange_listing SET status = ?, closed_at = ?, close_reason = ? WHERE id = ?", status,
                Timestamp.from(now()), reason.strip(), listingId);
        return view(find(listingId), caller);
    }

    /** What the exchange holds about a household: its listings and its requests, newest first. */
    @Transactional(readOnly = true)
    public HouseholdExchange ofHousehold(String communityId, String householdId, Caller caller) {
        List<ListingView> listings = jdbc.query(LISTING + " WHERE community_id = ? AND household_id = ?"
                + " ORDER BY listed_at DESC, id DESC LIMIT 10000", (rs, n) -> row(rs), communityId, householdId)
                .stream().map(row -> view(row, caller)).toList();
        List<ExchangeRequestView> requests = jdbc.query("""
                SELECT r.id, r.listing_id, r.household_id, r.message, r.status, r.requested_at
                FROM exchange_request r JOIN exchange_listing l ON l.id = r.listing_id
                WHERE l.community_id = ? AND r.household_id = ? ORDER BY r.requested_at DESC, r.id DESC LIMIT 10000""",
                (rs, n) -> new ExchangeRequestView(rs.getObject("id", UUID.class), rs.getObject("listing_id", UUID.class),
                        rs.getString("household_id"), rs.getString("message"), rs.getString("status"),
                        rs.getTimestamp("requested_at").toInstant()), communityId, householdId);
        return new HouseholdExchange(listings, requests);
    }

    /**
     * Erases what a household wrote on the exchange beyond what an item is: its listings' descriptions and photo
     * references, the reasons it gave for withdrawing them, and the messages of its requests; returns how many listings
     * and requests held any.
     */
    @Transactional
    public HouseholdExchange.Erased erase(String communityId, String householdId) {
        int listings = jdbc.update("""
                UPDATE exchange_listing SET description = NULL, photo_refs = '{}',
                    close_reason = CASE WHEN status = 'WITHDRAWN' THEN ? ELSE close_reason END
                WHERE community_id = ? AND household_id = ?
                  AND (description IS NOT NULL OR cardinality(photo_refs) > 0 OR (status = 'WITHDRAWN' AND close_reason <> ?))""",
                ERASED, communityId, householdId, ERASED);
        int requests = jdbc.update("""
                UPDATE exchange_request r SET message = NULL FROM exchange_listing l
                WHERE l.id = r.listing_id AND l.community_id = ? AND r.household_id = ? AND r.message IS NOT NULL""",
                communityId, householdId);
        return new HouseholdExchange.Erased(listings, requests);
    }

    private Row lock(UUID id) {
        return jdbc.query(LISTING + " WHERE id = ? FOR UPDATE", (rs, n) -> row(rs), id).stream().findFirst()
                .orElseThrow(() -> listingNotFound(id));
    }

    private Row find(UUID id) {
        return jdbc.query(LISTING + " WHERE id = ?", (rs, n) -> row(rs), id).stream().findFirst()
                .orElseThrow(() -> listingNotFound(id));
    }

    private static ListingView view(Row row, Caller caller) {
        boolean mine = owns(caller, row);
        return new ListingView(row.id(), row.communityId(), mine || propertyTeam(caller, row.communityId()) ? row.householdId() : null,
                mine, row.title(), row.description(), row.condition(), row.photoRefs(), row.askingCredits(), row.status(),
                row.listedAt(), row.acceptedRequestId(), row.handedOverAt(), row.closedAt(), row.closeReason(), row.paymentState(),
                mine || propertyTeam(caller, row.communityId()) ? row.paymentNote() : null);
    }

    private static boolean owns(Caller caller, Row listing) {
        return caller.holds(Role.RESIDENT, listing.communityId(), listing.householdId());
    }

    private static boolean propertyTeam(Caller caller, String communityId) {
        return caller.holds(Role.ADMIN, communityId, null) || caller.holds(Role.PROPERTY_MANAGER, communityId, null)
                || caller.holds(Role.STAFF, communityId, null);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp handedOver = rs.getTimestamp("handed_over_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Row(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("household_id"),
                rs.getString("title"), rs.getString("description"), rs.getString("condition"), strings(rs.getArray("photo_refs")),
                rs.getInt("asking_credits"), rs.getString("status"), rs.getTimestamp("listed_at").toInstant(),
                rs.getObject("accepted_request_id", UUID.class), handedOver == null ? null : handedOver.toInstant(),
                closed == null ? null : closed.toInstant(), rs.getString("close_reason"), rs.getString("payment_state"),
                rs.getInt("payment_attempt"), rs.getString("payment_note"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static NotFoundException listingNotFound(UUID id) {
        return new NotFoundException("No exchange listing " + id);
    }

    private static NotFoundException requestNotFound(UUID id) {
        return new NotFoundException("No exchange request " + id);
    }

    private record Row(UUID id, String communityId, String householdId, String title, @Nullable String description,
            String condition, List<String> photoRefs, int askingCredits, String status, Instant listedAt,
            @Nullable UUID acceptedRequestId, @Nullable Instant handedOverAt, @Nullable Instant closedAt,
            @Nullable String closeReason, String paymentState, int paymentAttempt, @Nullable String paymentNote) {
    }
}
