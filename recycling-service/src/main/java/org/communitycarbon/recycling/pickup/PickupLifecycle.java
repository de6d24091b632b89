package org.communitycarbon.recycling.pickup;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.recycling.PickupActor;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.security.Role;
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
                   dispatch_missed_at, arrival_missed_at
            FROM pickup_booking WHERE id = ? FOR UPDATE""";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Recyclers recyclers;
    private final PickupBookings bookings;
    private final Clock clock;

    PickupLifecycle(JdbcTemplate jdbc, Outbox outbox, Recyclers recyclers, PickupBookings bookings, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.recyclers = recyclers;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** The recycler's step {@code action} (accept, set out, collect) on a booking dispatched to the caller's company. */
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
        take(lock(id), PickupAction.DISPATCH, PickupActor.PLATFORM, recyclerId, null);
    }

    private PickupView take(Locked booking, PickupAction action, PickupActor actor, @Nullable String recyclerId,
            @Nullable String reason) {
        if (!action.allows(booking.status(), actor)) {
            throw new ConflictException(action.refusal(booking.status()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        return bookings.find(booking.id()).orElseThrow();
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
                instant(rs.getTimestamp("dispatch_missed_at")), instant(rs.getTimestamp("arrival_missed_at")));
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
            @Nullable Instant dispatchMissedAt, @Nullable Instant arrivalMissedAt) {
    }
}
