package org.communitycarbon.recycling.pickup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.recycling.PickupActor;
import org.communitycarbon.model.recycling.PickupState;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.recycling.catalog.Catalog;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Books pickups and reads them back. A booking is idempotent per household and {@link IdempotencyKey}:
 * the same request again returns the first booking, a different request under the same key is refused,
 * and two requests racing with the same key leave one row, because the database's unique constraint
 * decides and the loser is answered as a replay.
 */
@Service
public class PickupBookings {

    private static final String INSERT = """
            INSERT INTO pickup_booking (id, community_id, household_id, idempotency_key, request_hash, categories,
                estimated_weight_kg, address, preferred_from, preferred_until, note, status, requested_at,
                dispatch_due_at, arrival_due_at, settlement_preference, booked_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT ON CONSTRAINT pickup_booking_idempotency DO NOTHING""";

    /** What a resident's reason for cancelling becomes when they have their personal data erased. */
    static final String ERASED_REASON = "(erased at the resident's request)";

    /** Bookings in one copy of a household's data: at 3 a day, nine years of them. */
    static final int MAX_EXPORTED = 10_000;

    private final PickupBookingRepository bookings;
    private final JdbcTemplate jdbc;
    private final Catalog catalog;
    private final ServiceLevel serviceLevel;
    private final BookingLimits limits;
    private final Clock clock;
    private final Counter booked;
    private final Outbox outbox;

    PickupBookings(PickupBookingRepository bookings, JdbcTemplate jdbc, Catalog catalog, ServiceLevel serviceLevel,
            BookingLimits limits, Clock clock, MeterRegistry meters, Outbox outbox) {
        this.bookings = bookings;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.serviceLevel = serviceLevel;
        this.limits = limits;
        this.clock = clock;
        this.booked = Counter.builder("recycling.pickups.booked").description("Pickup bookings made by residents")
                .register(meters);
    }

    /**
     * Books a pickup for the resident's household, or answers with the booking already made under the
     * same key for the same request. The booking keeps who made it ({@code booked_by}): the resident's account subject,
     * when it is a platform identifier (as a Keycloak subject is), so the settlement can name the person whose recycled
     * goods they were ({@link org.communitycarbon.model.recycling.PickupSettled#bookedBy()}); else none.
     *
     * @param bookedBy the booking resident's account subject (the token's {@code sub})
     * @throws ContractViolation naming the field or header at fault
     * @throws ConflictException when the key was used for a different request
     * @throws LimitReachedException when the household reached one of its {@link BookingLimits}
     */
    @Transactional
    public Booking book(Caller.ResidentScope resident, String bookedBy, String idempotencyKey, PickupRequest request) {
        IdempotencyKey key = new IdempotencyKey(idempotencyKey);
        PickupTerms terms = PickupTerms.of(request);
        String fingerprint = terms.fingerprint();
        // One booking of a household at a time, until this transaction ends: its limits are counted on committed
        // bookings, and a concurrent retry under the same key then finds this booking and is answered as a replay.
        lockHousehold(resident.communityId(), resident.householdId());
        // A replay is answered before the rules that depend on the time or the catalogue, so a retry gets
        // the answer the first attempt got, however late it comes.
        Booking replay = replayOrConflict(earlier(resident, key), fingerprint);
        if (replay != null) {
            return replay;
        }
        requireKnown(request.categories());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        requireWithinLimits(resident, now);
        terms.window().requireBookableAt(now);
        ServiceLevel.Deadlines deadlines = serviceLevel.deadlinesFor(now, terms.window());
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            statement.setObject(1, id);
            statement.setString(2, resident.communityId());
            statement.setString(3, resident.householdId());
            statement.setString(4, key.value());
            statement.setString(5, fingerprint);
            statement.setArray(6, connection.createArrayOf("text", terms.categories().toArray()));
            statement.setBigDecimal(7, terms.estimatedWeightKg());
            statement.setString(8, terms.address());
            statement.setObject(9, utc(terms.window().from()), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(10, utc(terms.window().until()), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setString(11, terms.note());
            statement.setString(12, PickupStatus.REQUESTED.name());
            statement.setObject(13, utc(now), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(14, utc(deadlines.dispatchDueAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(15, utc(deadlines.arrivalDueAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setString(16, terms.settlement() == null ? null : terms.settlement().name());
            statement.setString(17, Require.isIdentifier(bookedBy) ? bookedBy : null);
            return statement;
        });
        if (inserted == 0) {
            // A concurrent request with the same key inserted first: our insert waited for its commit and did
            // nothing. Read its row (committed, so visible to this next statement) and answer as a replay.
            Booking winner = replayOrConflict(earlier(resident, key), fingerprint);
            if (winner == null) {
                throw new IllegalStateException("Idempotency key " + key.value() + " conflicted but has no booking");
            }
            return winner;
        }
        booked.increment();
        // the first step of the booking's life, in the booking's transaction
        outbox.publishAll(List.of(PickupLifecycle.message(new PickupStatusChanged(PickupStatusChanged.eventIdOf(id, 1),
                PickupStatusChanged.SCHEMA_VERSION, resident.communityId(), now, id, 1, resident.householdId(), terms.categories(),
                PickupState.REQUESTED, null, null, PickupActor.RESIDENT, null))));
        return new Booking(PickupView.of(bookings.findById(id).orElseThrow()), false);
    }

    /** One booking by id, whoever it belongs to: the caller decides who may see it. */
    @Transactional(readOnly = true)
    public Optional<PickupView> find(UUID id) {
        return bookings.findById(id).map(PickupView::of);
    }

    /** A household's bookings, newest first. */
    @Transactional(readOnly = true)
    public PageView<PickupView> ofHousehold(String communityId, String householdId, int page, int size) {
        return PageView.of(bookings.findByCommunityIdAndHouseholdIdOrderByRequestedAtDescIdDesc(communityId, householdId,
                PageRequest.of(page, size)).map(PickupView::of));
    }

    /** Every booking of a household, newest first (a resident's copy of their data). */
    @Transactional(readOnly = true)
    public List<PickupView> allOfHousehold(String communityId, String householdId) {
        return bookings.findByCommunityIdAndHouseholdIdOrderByRequestedAtDescIdDesc(communityId, householdId,
                PageRequest.of(0, MAX_EXPORTED)).map(PickupView::of).getContent();
    }

    /**
     * The household's bookings that this resident made ({@code booked_by}, their account subject), newest first: who
     * booked is personal data of that resident, in their copy and not in another member's of the household.
     */
    @Transactional(readOnly = true)
    public List<UUID> bookedBy(String communityId, String householdId, String subject) {
        return jdbc.queryForList("""
                SELECT id FROM pickup_booking WHERE community_id = ? AND household_id = ? AND booked_by = ?
                ORDER BY requested_at DESC, id DESC LIMIT ?""", UUID.class, communityId, householdId, subject, MAX_EXPORTED);
    }

    /**
     * Erases the address and note of every booking of a household, the comment of their ratings, and the reason the
     * resident gave for cancelling one, and who booked ({@code booked_by}) the bookings this resident made (another
     * member's stays theirs to erase), keeping the rest; returns how many bookings held any of them. Bookings are taken
     * under the household's booking lock, so none made concurrently keeps its address. A booking still waiting whose
     * booker is erased settles naming nobody: its recycled goods are then the household's.
     *
     * @param subject the erasing resident's account subject (the token's {@code sub})
     */
    @Transactional
    public int erasePersonalData(String communityId, String householdId, String subject) {
        lockHousehold(communityId, householdId);
        return jdbc.update("""
                UPDATE pickup_booking SET address = NULL, note = NULL, rating_comment = NULL,
                    cancel_reason = CASE WHEN cancelled_by = 'RESIDENT' THEN ? ELSE cancel_reason END,
                    booked_by = CASE WHEN booked_by = ? THEN NULL ELSE booked_by END
                WHERE community_id = ? AND household_id = ?
                  AND (address IS NOT NULL OR note IS NOT NULL OR rating_comment IS NOT NULL
                       OR (cancelled_by = 'RESIDENT' AND cancel_reason <> ?) OR booked_by = ?)""",
                ERASED_REASON, subject, communityId, householdId, ERASED_REASON, subject);
    }

    /** A community's bookings, newest first, all or those in one status. */
    @Transactional(readOnly = true)
    public PageView<PickupView> ofCommunity(String communityId, @Nullable PickupStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size);
        return PageView.of((status == null ? bookings.findByCommunityIdOrderByRequestedAtDescIdDesc(communityId, request)
                : bookings.findByCommunityIdAndStatusOrderByRequestedAtDescIdDesc(communityId, status, request))
                .map(PickupView::of));
    }

    /** The bookings dispatched to a recycler, newest first, all or those in one status. */
    @Transactional(readOnly = true)
    public PageView<PickupView> ofRecycler(String recyclerId, @Nullable PickupStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size);
        return PageView.of((status == null ? bookings.findByRecyclerIdOrderByRequestedAtDescIdDesc(recyclerId, request)
                : bookings.findByRecyclerIdAndStatusOrderByRequestedAtDescIdDesc(recyclerId, status, request))
                .map(PickupView::of));
    }

    private Optional<PickupBooking> earlier(Caller.ResidentScope resident, IdempotencyKey key) {
        return bookings.findByCommunityIdAndHouseholdIdAndIdempotencyKey(resident.communityId(), resident.householdId(),
                key.value());
    }

    /** The answer owed for a booking already stored under the key, or {@code null} when there is none. */
    private static @Nullable Booking replayOrConflict(Optional<PickupBooking> earlier, String fingerprint) {
        switch (IdempotencyDecision.of(earlier.map(PickupBooking::requestHash).orElse(null), fingerprint)) {
            case REPLAY:
                return new Booking(PickupView.of(earlier.orElseThrow()), true);
            case CONFLICT:
                throw new ConflictException("The " + IdempotencyKey.HEADER + " " + earlier.orElseThrow().idempotencyKey()
                        + " was already used by this household for a different pickup request; use a new key for a new booking");
            default:
                return null;
        }
    }

    private void lockHousehold(String communityId, String householdId) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (ResultSet rs) -> null,
                "pickup-booking/" + communityId + "/" + householdId);
    }

    private void requireWithinLimits(Caller.ResidentScope resident, Instant now) {
        List<Instant> recent = jdbc.query("""
                SELECT requested_at FROM pickup_booking
                WHERE community_id = ? AND household_id = ? AND requested_at > ?
                ORDER BY requested_at DESC LIMIT ?""", (rs, n) -> rs.getTimestamp(1).toInstant(),
                resident.communityId(), resident.householdId(), Timestamp.from(now.minus(limits.window())), limits.perWindow());
        if (recent.size() >= limits.perWindow()) {
            // bookable again once the oldest of the last perWindow bookings leaves the window
            throw LimitReachedException.perWindow(limits, Duration.between(now, recent.get(recent.size() - 1).plus(limits.window())));
        }
        List<String> open = Arrays.stream(PickupStatus.values()).filter(PickupStatus::open).map(Enum::name).toList();
        Integer waiting = jdbc.queryForObject("""
                SELECT count(*) FROM pickup_booking WHERE community_id = ? AND household_id = ? AND status = ANY (?)""",
                Integer.class, resident.communityId(), resident.householdId(), open.toArray(String[]::new));
        if (waiting != null && waiting >= limits.open()) {
            throw LimitReachedException.open(limits);
        }
    }

    private void requireKnown(List<String> categories) {
        Set<String> known = catalog.codes();
        for (int i = 0; i < categories.size(); i++) {
            if (!known.contains(categories.get(i))) {
                throw new ContractViolation("categories[" + i + "]",
                        "unknown category '" + categories.get(i) + "'; known are " + String.join(", ", known));
            }
        }
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The answer to a booking request.
     *
     * @param replayed {@code true} when the booking was made by an earlier request with the same key
     */
    public record Booking(PickupView view, boolean replayed) {
    }
}
