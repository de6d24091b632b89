package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupActor;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.price.PriceLists;
import org.communitycarbon.recycling.recycler.RecyclerView;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a pickup booking through its life ({@link PickupAction}): each step locks the booking's row, checks who may
 * take it and from which status, updates the row and puts a {@link PickupStatusChanged} into the outbox in the same
 * transaction. A booking another caller may not act on is "not found" for them, as it is for reading.
 */
@Service
public class PickupLifecycle {

    private static final String LOCK = """
            SELECT id, community_id, household_id, categories, status, recycler_id, sequence, dispatch_due_at, arrival_due_at,
                   dispatch_missed_at, arrival_missed_at, settlement_preference, booked_by
            FROM pickup_booking WHERE id = ? FOR UPDATE""";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Recyclers recyclers;
    private final PickupBookings bookings;
    private final PriceLists prices;
    private final ScaleWeighings scaleWeighings;
    private final Clock clock;

    PickupLifecycle(JdbcTemplate jdbc, Outbox outbox, Recyclers recyclers, PickupBookings bookings, PriceLists prices,
            ScaleWeighings scaleWeighings, Clock clock) {
        this.jdbc = jdbc;
        this.scaleWeighings = scaleWeighings;
        this.prices = prices;
        this.outbox = outbox;
        this.recyclers = recyclers;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** The recycler's step {@code action} (accept, set out) on a booking dispatched to the caller's company. */
    @Transactional
    public PickupView byRecycler(UUID id, PickupAction action, Caller caller) {
        String company = recyclers.companyOf(caller);
        Locked booking = lock(id);
        if (!company.equals(booking.recyclerId())) {
            throw notFound(id);
        }
        return take(booking, action, PickupActor.RECYCLER, company, null);
    }

    /** Cancels a booking: its resident, or the recycler it is dispatched to, with a reason. */
    @Transactional
    public PickupView cancel(UUID id, Caller caller, String reason) {
        Locked booking = lock(id);
        PickupActor actor;
        if (caller.holds(Role.RESIDENT, booking.communityId(), booking.householdId())) {
            actor = PickupActor.RESIDENT;
        }
        else if (booking.recyclerId() != null && recyclers.companyIfRecycler(caller).filter(booking.recyclerId()::equals).isPresent()) {
            actor = PickupActor.RECYCLER;
        }
        else {
            throw notFound(id);
        }
        return take(booking, PickupAction.CANCEL, actor, booking.recyclerId(), reason.strip());
    }

    /** The property manager (or an admin) assigns or reassigns a booking of their community to a recycler. */
    @Transactional
    public PickupView assign(UUID id, Caller caller, String recyclerId, @Nullable String reason) {
        Locked booking = lock(id);
        PickupActor actor;
        if (caller.holds(Role.ADMIN, booking.communityId(), null)) {
            actor = PickupActor.ADMIN;
        }
        else if (caller.holds(Role.PROPERTY_MANAGER, booking.communityId(), null)) {
            actor = PickupActor.PROPERTY_MANAGER;
        }
        else {
            throw notFound(id);
        }
        if (!PickupAction.ASSIGN.allows(booking.status(), actor)) {
            throw new ConflictException(PickupAction.ASSIGN.refusal(booking.status()));
        }
        if (!recyclers.serves(recyclerId, booking.communityId(), booking.categories())) {
            throw new ContractViolation("recyclerId", "recycler '" + recyclerId + "' does not serve community "
                    + booking.communityId() + " or does not take all of " + booking.categories());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return take(booking, PickupAction.ASSIGN, actor, recyclerId, why);
    }

    /** The dispatcher's step: a waiting booking, already locked by the caller's query, to {@code recyclerId}. */
    void dispatch(UUID id, String recyclerId) {
        move(lock(id), PickupAction.DISPATCH, PickupActor.PLATFORM, recyclerId, null, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private PickupView take(Locked booking, PickupAction action, PickupActor actor, @Nullable String recyclerId,
            @Nullable String reason) {
        move(booking, action, actor, recyclerId, reason, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return bookings.find(booking.id()).orElseThrow();
    }

    /**
     * The collector's last step: the booking collected with what was weighed, priced by the community's price version in
     * force now, and settled in cash or credits — the resident's choice at the door, else their choice when booking. The
     * settlement goes out as a {@link PickupSettled} through the outbox, in the same transaction, naming the resident who
     * booked the pickup ({@code bookedBy}) when the booking kept them.
     *
     * The items are the collector's entries and what the community's connected scales weighed for the pickup
     * ({@link ScaleWeighings}): a collection with no entries settles the scales' weighings.
     *
     * @throws ContractViolation naming the field at fault: no settlement chosen, a category neither booked nor taken by
     *         the recycler, a category weighed twice (also: entered by the collector and weighed by a scale), no items at all
     */
    @Transactional
    public PickupView collect(UUID id, CollectRequest request, Caller caller) {
        String company = recyclers.companyOf(caller);
        Locked booking = lock(id);
        if (!company.equals(booking.recyclerId())) {
            throw notFound(id);
        }
        if (!PickupAction.COLLECT.allows(booking.status(), PickupActor.RECYCLER)) {
            throw new ConflictException(PickupAction.COLLECT.refusal(booking.status()));
        }
        Settlement settlement = request.settlement() != null ? request.settlement() : booking.settlementPreference();
        if (settlement == null) {
            throw new ContractViolation("settlement", "the resident chose neither CASH nor CREDITS when booking: record their choice");
        }
        Set<String> allowed = new LinkedHashSet<>(booking.categories());
        allowed.addAll(recyclers.find(company).map(RecyclerView::categories).orElse(List.of()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<WeighedItem> entered = request.items() == null ? List.of() : request.items();
        // what the community's scales weighed for the pickup: settled with the collector's entries, never counted twice
        Map<String, ScaleWeighings.ScaleItem> scaled = new LinkedHashMap<>();
        for (ScaleWeighings.ScaleItem item : scaleWeighings.appliedOf(booking.id())) {
            scaled.put(item.category(), item);
        }
        for (int i = 0; i < entered.size(); i++) {
            ScaleWeighings.ScaleItem weighed = scaled.get(entered.get(i).category());
            if (weighed != null) {
                throw new ContractViolation("items[" + i + "].category", "category " + weighed.category() + " is already weighed by "
                        + String.join(", ", weighed.devices()) + " (" + weighed.weightKg().toPlainString()
                        + " kg); leave it out, the scale's weight is settled");
            }
        }
        if (entered.isEmpty() && scaled.isEmpty()) {
            throw new ContractViolation("items", "no items: give each category weighed, or weigh them on a connected scale first");
        }
        List<WeighedItem> all = new ArrayList<>(entered);
        scaled.values().forEach(item -> all.add(new WeighedItem(item.category(), item.weightKg())));
        Weighing weighing = Weighing.of(all, allowed, prices.inForce(booking.communityId(), now), settlement);
        move(booking, PickupAction.COLLECT, PickupActor.RECYCLER, company, null, now);
        jdbc.batchUpdate("""
                INSERT INTO pickup_item (pickup_id, category, weight_kg, price_per_kg_cny, credits_per_kg, source, scale_devices)
                VALUES (?, ?, ?, ?, ?, ?, ?::text[])""",
                weighing.items().stream().map(item -> {
                    ScaleWeighings.ScaleItem weighed = scaled.get(item.category());
                    return new Object[] {booking.id(), item.category(), item.weight().value(), item.pricePerKgCny(), item.creditsPerKg(),
                            (weighed == null ? WeighedBy.COLLECTOR : WeighedBy.SCALE).name(),
                            weighed == null ? null : weighed.devices().toArray(String[]::new)};
                }).toList());
        jdbc.update("""
                UPDATE pickup_booking SET settlement = ?, price_version = ?, weighed_kg = ?, amount_cny = ?, credits = ?, settled_at = ?
                WHERE id = ?""", settlement.name(), weighing.priceVersion(), weighing.totalKg(), weighing.amountCny(),
                weighing.credits(), Timestamp.from(now), booking.id());
        // the settlement, in the transaction that records it: once per pickup, as it is collected once
        outbox.publishAll(List.of(new Outbox.Message(SettlementTopics.PICKUP_SETTLEMENTS, booking.communityId(),
                new PickupSettled(PickupSettled.eventIdOf(booking.id()), PickupSettled.SCHEMA_VERSION, booking.communityId(), now,
                        booking.id(), booking.householdId(), company, settlement, weighing.priceVersion(), weighing.items(),
                        Quantity.of(weighing.totalKg(), Unit.KG), weighing.amountCny(),
                        Quantity.of(BigDecimal.valueOf(weighing.credits()), Unit.CREDIT), booking.bookedBy()))));
        return bookings.find(booking.id()).orElseThrow();
    }

    /**
     * The resident rates a collected pickup of their household, once: 1 to 5 stars and an optional comment.
     *
     * @throws ConflictException when the pickup is not collected, or already rated
     */
    @Transactional
    public PickupView rate(UUID id, Caller caller, int stars, @Nullable String comment) {
        Locked booking = lock(id);
        if (!caller.holds(Role.RESIDENT, booking.communityId(), booking.householdId())) {
            throw notFound(id);
        }
        if (booking.status() != PickupStatus.COLLECTED) {
            throw new ConflictException("A pickup that is " + booking.status() + " cannot be rated; that is possible once it is COLLECTED");
        }
        String words = comment == null || comment.isBlank() ? null : comment.strip();
        int rated = jdbc.update("UPDATE pickup_booking SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ? AND rating IS NULL",
                stars, words, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), booking.id());
        if (rated == 0) {
            throw new ConflictException("This pickup is already rated; a pickup is rated once");
        }
        return bookings.find(booking.id()).orElseThrow();
    }

    private void move(Locked booking, PickupAction action, PickupActor actor, @Nullable String recyclerId,
            @Nullable String reason, Instant now) {
        if (!action.allows(booking.status(), actor)) {
            throw new ConflictException(action.refusal(booking.status()));
        }
        Timestamp at = Timestamp.from(now);
        PickupStatus to = action.to();
        switch (action) {
            case DISPATCH, ASSIGN -> jdbc.update("""
                    UPDATE pickup_booking SET status = ?, sequence = sequence + 1, recycler_id = ?, dispatched_at = ?,
                        accepted_at = NULL WHERE id = ?""", to.name(), recyclerId, at, booking.id());
            case ACCEPT -> update(booking, to, "accepted_at", at);
            case DEPART -> update(booking, to, "departed_at", at);
            case COLLECT -> update(booking, to, "collected_at", at);
            case CANCEL -> jdbc.update("""
                    UPDATE pickup_booking SET status = ?, sequence = sequence + 1, cancelled_at = ?, cancelled_by = ?,
                        cancel_reason = ? WHERE id = ?""", to.name(), at, actor.name(), reason, booking.id());
        }
        int sequence = booking.sequence() + 1;
        List<Outbox.Message> events = new ArrayList<>();
        events.add(message(new PickupStatusChanged(PickupStatusChanged.eventIdOf(booking.id(), sequence),
                PickupStatusChanged.SCHEMA_VERSION, booking.communityId(), now, booking.id(), sequence, booking.householdId(),
                booking.categories(), to.state(), booking.status().state(), recyclerId, actor,
                // a resident's words are personal data: they stay here, where the resident can have them erased
                actor == PickupActor.RESIDENT ? null : reason)));
        // A step taken after its deadline, before the deadline watch noticed, is a breach all the same.
        if (to == PickupStatus.DISPATCHED && booking.status() == PickupStatus.REQUESTED && booking.dispatchMissedAt() == null
                && now.isAfter(booking.dispatchDueAt())) {
            events.add(missed(booking, PickupDeadline.DISPATCH, booking.dispatchDueAt(), now, null, "dispatch_missed_at"));
        }
        if (to == PickupStatus.COLLECTED && booking.arrivalMissedAt() == null && now.isAfter(booking.arrivalDueAt())) {
            events.add(missed(booking, PickupDeadline.ARRIVAL, booking.arrivalDueAt(), now, recyclerId, "arrival_missed_at"));
        }
        outbox.publishAll(events);
    }

    private void update(Locked booking, PickupStatus to, String column, Timestamp at) {
        jdbc.update("UPDATE pickup_booking SET status = ?, sequence = sequence + 1, " + column + " = ? WHERE id = ?",
                to.name(), at, booking.id());
    }

    private Outbox.Message missed(Locked booking, PickupDeadline deadline, Instant dueAt, Instant now,
            @Nullable String recyclerId, String column) {
        jdbc.update("UPDATE pickup_booking SET " + column + " = ? WHERE id = ?", Timestamp.from(now), booking.id());
        return message(new PickupDeadlineMissed(PickupDeadlineMissed.eventIdOf(booking.id(), deadline),
                PickupDeadlineMissed.SCHEMA_VERSION, booking.communityId(), now, booking.id(), deadline, dueAt,
                booking.status().state(), recyclerId));
    }

    static Outbox.Message message(PickupStatusChanged event) {
        return new Outbox.Message(RecyclingTopics.PICKUPS, event.communityId(), event);
    }

    static Outbox.Message message(PickupDeadlineMissed event) {
        return new Outbox.Message(RecyclingTopics.PICKUP_DEADLINES, event.communityId(), event);
    }

    private Locked lock(UUID id) {
        return jdbc.query(LOCK, (rs, n) -> locked(rs), id).stream().findFirst().orElseThrow(() -> notFound(id));
    }

    private static Locked locked(ResultSet rs) throws SQLException {
        return new Locked(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("household_id"),
                strings(rs.getArray("categories")), PickupStatus.valueOf(rs.getString("status")), rs.getString("recycler_id"),
                rs.getInt("sequence"), rs.getTimestamp("dispatch_due_at").toInstant(), rs.getTimestamp("arrival_due_at").toInstant(),
                instant(rs.getTimestamp("dispatch_missed_at")), instant(rs.getTimestamp("arrival_missed_at")),
                rs.getString("settlement_preference") == null ? null : Settlement.valueOf(rs.getString("settlement_preference")),
                rs.getString("booked_by"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("No pickup booking " + id);
    }

    /** A booking's row, locked until the transaction ends. */
    private record Locked(UUID id, String communityId, String householdId, List<String> categories, PickupStatus status,
            @Nullable String recyclerId, int sequence, Instant dispatchDueAt, Instant arrivalDueAt,
            @Nullable Instant dispatchMissedAt, @Nullable Instant arrivalMissedAt, @Nullable Settlement settlementPreference,
            @Nullable String bookedBy) {
    }
}
