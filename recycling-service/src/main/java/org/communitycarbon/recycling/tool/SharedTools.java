package org.communitycarbon.recycling.tool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's shared tools and their bookings. A booking locks its tool's row, so two requests for the same tool
 * are decided one after the other and two active bookings (awaiting the deposit, booked or picked up) never overlap. A
 * tool or booking of another community is "not found".
 *
 * <p>A tool's deposit moves in credits (docs/recycling.md#deposits-and-asking-credits): a booking of a tool with a
 * deposit asks the credits service to hold it ({@link CreditRequestKind#HOLD} through the outbox) and is BOOKED only
 * once it is held, DEPOSIT_REFUSED when the household cannot pay it; the deposit is released when the tool comes back
 * or the booking is cancelled, and forfeited to the community when the property manager reports the tool lost or
 * damaged.
 */
@Service
public class SharedTools {

    /** How far in the past a booking may start: the seconds a phone's clock or a slow network take. */
    private static final Duration GRACE = Duration.ofMinutes(5);

    /** Most bookings one calendar answer shows. */
    static final int CALENDAR_LIMIT = 200;

    private static final String BOOKING = """
            SELECT id, tool_id, community_id, household_id, starts_at, ends_at, status, deposit_credits, booked_at, picked_up_at,
                   returned_at, cancelled_at, deposit_state, deposit_note, forfeited_at FROM tool_booking""";

    /** The statuses of a booking that holds its place on the tool's calendar. */
    static final String ACTIVE = "('AWAITING_DEPOSIT', 'BOOKED', 'PICKED_UP')";

    private final JdbcTemplate jdbc;
    private final ToolSettings settings;
    private final Outbox outbox;
    private final Clock clock;

    SharedTools(JdbcTemplate jdbc, ToolSettings settings, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    ToolView add(String communityId, ToolRequest request, Caller by) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        String description = request.description() == null || request.description().isBlank() ? null : request.description().strip();
        jdbc.update("""
                INSERT INTO shared_tool (id, community_id, name, description, deposit_credits, added_at, added_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, communityId, request.name().strip(), description, request.depositCredits(),
                Timestamp.from(now), by.subject().isEmpty() ? "unknown" : by.subject());
        return new ToolView(id, communityId, request.name().strip(), description, request.depositCredits(), now);
    }

    @Transactional(readOnly = true)
    List<ToolView> ofCommunity(String communityId) {
        return jdbc.query("""
                SELECT id, community_id, name, description, deposit_credits, added_at FROM shared_tool WHERE community_id = ?
                ORDER BY name, id LIMIT 500""", (rs, n) -> tool(rs), communityId);
    }

    /**
     * Books a tool of the resident's community for their household.
     *
     * @throws ContractViolation naming {@code from} or {@code until} for a period in the past, too long or too far ahead
     * @throws ConflictException when the period overlaps another active booking of the tool, or the household holds as
     *         many active bookings as allowed
     */
    @Transactional
    ToolBookingView book(UUID toolId, ToolBookingRequest request, Caller caller) {
        Caller.ResidentScope resident = caller.requireResident();
        List<ToolView> locked = jdbc.query("""
                SELECT id, community_id, name, description, deposit_credits, added_at FROM shared_tool WHERE id = ? FOR UPDATE""",
                (rs, n) -> tool(rs), toolId);
        if (locked.isEmpty() || !locked.get(0).communityId().equals(resident.communityId())) {
            throw toolNotFound(toolId);
        }
        ToolView tool = locked.get(0);
        Instant now = now();
        Instant from = request.from().truncatedTo(ChronoUnit.MICROS);
        Instant until = request.until().truncatedTo(ChronoUnit.MICROS);
        if (!until.isAfter(from)) {
            throw new ContractViolation("until", "must be after from (" + from + "), was " + until);
        }
        if (from.isBefore(now.minus(GRACE))) {
            throw new ContractViolation("from", "must not be in the past, was " + from);
        }
        if (from.isAfter(now.plus(settings.ahead()))) {
            throw new ContractViolation("from", "must be within " + settings.ahead().toDays() + " days from now, was " + from);
        }
        if (Duration.between(from, until).compareTo(settings.longest()) > 0) {
            throw new ContractViolation("until", "a booking lasts at most " + settings.longest().toHours() + " hours, was "
                    + Duration.between(from, until).toHours() + " hours");
        }
        Integer active = jdbc.queryForObject("""
                SELECT count(*) FROM tool_booking WHERE community_id = ? AND household_id = ? AND status IN """ + ACTIVE,
                Integer.class, resident.communityId(), resident.householdId());
        if (active != null && active >= settings.activePerHousehold()) {
            throw new ConflictException("The household already holds " + active + " tool bookings not yet returned; at most "
                    + settings.activePerHousehold() + " at a time");
        }
        List<String> overlapping = jdbc.query("""
                SELECT starts_at, ends_at FROM tool_booking
                WHERE tool_id = ? AND status IN """ + ACTIVE + """
                 AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1""", (rs, n) -> rs.getTimestamp("starts_at").toInstant() + " to "
                + rs.getTimestamp("ends_at").toInstant(), toolId, Timestamp.from(until), Timestamp.from(from));
        if (!overlapping.isEmpty()) {
            throw new ConflictException("The tool '" + tool.name() + "' is already booked from " + overlapping.get(0)
                    + ", which overlaps " + from + " to " + until + "; see its calendar and choose another time");
        }
        UUID id = UUID.randomUUID();
        boolean deposit = tool.depositCredits() > 0;
        jdbc.update("""
                INSERT INTO tool_booking (id, tool_id, community_id, household_id, starts_at, ends_at, status, deposit_credits, booked_at,
                                          deposit_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, toolId, resident.communityId(), resident.householdId(),
                Timestamp.from(from), Timestamp.from(until), deposit ? "AWAITING_DEPOSIT" : "BOOKED", tool.depositCredits(),
                Timestamp.from(now), deposit ? "REQUESTED" : "NONE");
        if (deposit) {
            ask(CreditRequestKind.HOLD, find(id).orElseThrow(), "deposit for the tool '" + tool.name() + "', booking " + id);
        }
        return find(id).map(row -> view(row, caller)).orElseThrow();
    }

    /** A tool's active bookings ending after {@code from} and starting before {@code until}, by start. */
    @Transactional(readOnly = true)
    List<ToolBookingView> calendar(UUID toolId, Caller caller, Instant from, Instant until) {
        List<String> community = jdbc.queryForList("SELECT community_id FROM shared_tool WHERE id = ?", String.class, toolId);
        if (community.isEmpty() || !member(caller, community.get(0))) {
            throw toolNotFound(toolId);
        }
        return jdbc.query(BOOKING + " WHERE tool_id = ? AND status IN " + ACTIVE + " AND ends_at > ? AND starts_at < ?"
                + " ORDER BY starts_at, id LIMIT ?", (rs, n) -> booking(rs), toolId, Timestamp.from(from), Timestamp.from(until),
                CALENDAR_LIMIT).stream().map(row -> view(row, caller)).toList();
    }

    /** Every booking of a household, newest first (a resident's copy of their data). */
    @Transactional(readOnly = true)
    public List<ToolBookingView> allOfHousehold(String communityId, String householdId, Caller caller) {
        return jdbc.query(BOOKING + " WHERE community_id = ? AND household_id = ? ORDER BY starts_at DESC, id DESC LIMIT 10000",
                (rs, n) -> booking(rs), communityId, householdId).stream().map(row -> view(row, caller)).toList();
    }

    /**
     * The household's resident or the property team cancels a booking not yet picked up; a held deposit is released (one
     * still being held is released once the hold is applied).
     */
    @Transactional
    ToolBookingView cancel(UUID id, Caller caller) {
        Row booking = lock(id);
        if (!caller.holds(Role.RESIDENT, booking.communityId(), booking.householdId()) && !propertyTeam(caller, booking.communityId())) {
            throw bookingNotFound(id);
        }
        ToolBookingStatus from = booking.status() == ToolBookingStatus.AWAITING_DEPOSIT ? ToolBookingStatus.AWAITING_DEPOSIT
                : ToolBookingStatus.BOOKED;
        move(booking, from, ToolBookingStatus.CANCELLED, "cancelled_at", caller);
        releaseIfHeld(booking, "deposit given back: booking " + id + " of the tool '" + toolName(booking) + "' cancelled");
        return find(id).map(row -> view(row, caller)).orElseThrow();
    }

    /** The property team hands the tool over. */
    @Transactional
    ToolBookingView pickUp(UUID id, Caller caller) {
        Row booking = lock(id);
        if (!propertyTeam(caller, booking.communityId())) {
            throw bookingNotFound(id);
        }
        if (booking.status() == ToolBookingStatus.AWAITING_DEPOSIT) {
            throw new ConflictException("The deposit of " + booking.depositCredits() + " credits is not held yet; the tool is "
                    + "handed over once it is");
        }
        if (!now().isBefore(booking.until())) {
            throw new ConflictException("This booking ended at " + booking.until() + "; book the tool again");
        }
        return move(booking, ToolBookingStatus.BOOKED, ToolBookingStatus.PICKED_UP, "picked_up_at", caller);
    }

    /** The property team takes the tool back. */
    @Transactional
    ToolBookingView giveBack(UUID id, Caller caller) {
        Row booking = lock(id);
        if (!propertyTeam(caller, booking.communityId())) {
            throw bookingNotFound(id);
        }
        move(booking, ToolBookingStatus.PICKED_UP, ToolBookingStatus.RETURNED, "returned_at", caller);
        releaseIfHeld(booking, "deposit given back: the tool '" + toolName(booking) + "' returned, booking " + id);
        return find(id).map(row -> view(row, caller)).orElseThrow();
    }

    /**
     * The property manager reports a picked-up tool lost, or returned damaged: the booking is FORFEITED and its held
     * deposit goes to the community's account, the reason on the ledger entry and the booking.
     */
    @Transactional
    ToolBookingView forfeit(UUID id, String reason, Caller caller) {
        Row booking = lock(id);
        if (!caller.holds(Role.PROPERTY_MANAGER, booking.communityId(), null) && !caller.holds(Role.ADMIN, booking.communityId(), null)) {
            throw bookingNotFound(id);
        }
        move(booking, ToolBookingStatus.PICKED_UP, ToolBookingStatus.FORFEITED, "forfeited_at", caller);
        String why = reason.strip();
        if (booking.depositState().equals("HELD")) {
            jdbc.update("UPDATE tool_booking SET deposit_state = 'FORFEIT_REQUESTED', deposit_note = ? WHERE id = ?", why, id);
            ask(CreditRequestKind.FORFEIT, booking, "deposit kept for the tool '" + toolName(booking) + "': " + why);
        }
        else {
            jdbc.update("UPDATE tool_booking SET deposit_note = ? WHERE id = ?", why, id);
        }
        return find(id).map(row -> view(row, caller)).orElseThrow();
    }

    /**
     * Follows the credits service's answer to a deposit request of a booking: a hold applied confirms a booking awaiting
     * it (or is released at once when the booking was cancelled meanwhile), a hold refused frees the calendar with the
     * reason; a release or forfeit applied closes the deposit. Called once per outcome, in the transaction that claims it.
     */
    public void settle(CreditRequestDecided outcome) {
        List<Row> found = jdbc.query(BOOKING + " WHERE id = ? FOR UPDATE", (rs, n) -> booking(rs), outcome.subjectId());
        if (found.isEmpty()) {
            return;
        }
        Row booking = found.get(0);
        boolean applied = outcome.outcome() == CreditRequestOutcome.APPLIED;
        if (outcome.kind() == CreditRequestKind.HOLD) {
            if (!booking.depositState().equals("REQUESTED")) {
                return;
            }
            if (applied && booking.status() == ToolBookingStatus.CANCELLED) {
                jdbc.update("UPDATE tool_booking SET deposit_state = 'RELEASE_REQUESTED' WHERE id = ?", booking.id());
                ask(CreditRequestKind.RELEASE, booking, "deposit given back: booking " + booking.id() + " of the tool '"
                        + toolName(booking) + "' cancelled");
            }
            else if (applied) {
                jdbc.update("""
                        UPDATE tool_booking SET deposit_state = 'HELD',
                            status = CASE WHEN status = 'AWAITING_DEPOSIT' THEN 'BOOKED' ELSE status END WHERE id = ?""",
                        booking.id());
            }
            else {
                jdbc.update("""
                        UPDATE tool_booking SET deposit_state = 'REFUSED', deposit_note = ?,
                            status = CASE WHEN status = 'AWAITING_DEPOSIT' THEN 'DEPOSIT_REFUSED' ELSE status END WHERE id = ?""",
                        Require.abbreviate("The deposit of " + booking.depositCredits() + " credits could not be held: "
                                + outcome.reason(), 500), booking.id());
            }
        }
        else if (outcome.kind() == CreditRequestKind.RELEASE || outcome.kind() == CreditRequestKind.FORFEIT) {
            if (applied) {
                jdbc.update("UPDATE tool_booking SET deposit_state = ? WHERE id = ? AND deposit_state = ?",
                        outcome.kind() == CreditRequestKind.RELEASE ? "RELEASED" : "FORFEITED", booking.id(),
                        outcome.kind() == CreditRequestKind.RELEASE ? "RELEASE_REQUESTED" : "FORFEIT_REQUESTED");
            }
            else {
                jdbc.update("UPDATE tool_booking SET deposit_note = ? WHERE id = ?",
                        Require.abbreviate("The credits service answered: " + outcome.reason(), 500), booking.id());
            }
        }
    }

    private void releaseIfHeld(Row booking, String reason) {
        if (booking.depositState().equals("HELD")) {
            jdbc.update("UPDATE tool_booking SET deposit_state = 'RELEASE_REQUESTED' WHERE id = ?", booking.id());
            ask(CreditRequestKind.RELEASE, booking, reason);
        }
    }

    /** Asks the credits service, through the outbox, to hold, release or forfeit the booking's deposit. */
    private void ask(CreditRequestKind kind, Row booking, String reason) {
        UUID hold = CreditRequested.holdIdOf(booking.id());
        UUID id = kind == CreditRequestKind.HOLD ? hold : CreditRequested.settlementIdOf(booking.id());
        outbox.publish(CreditRequestTopics.CREDIT_REQUESTS, booking.communityId(), new CreditRequested(id, CreditRequested.SCHEMA_VERSION,
                booking.communityId(), clock.instant(), kind, booking.id(), booking.householdId(), null,
                Quantity.of(java.math.BigDecimal.valueOf(booking.depositCredits()), Unit.CREDIT),
                kind == CreditRequestKind.HOLD ? null : hold, Require.abbreviate(reason, 200)));
    }

    private String toolName(Row booking) {
        return jdbc.queryForObject("SELECT name FROM shared_tool WHERE id = ?", String.class, booking.toolId());
    }

    private ToolBookingView move(Row booking, ToolBookingStatus from, ToolBookingStatus to, String column, Caller caller) {
        if (booking.status() != from) {
            throw new ConflictException("A tool booking that is " + booking.status() + " cannot become " + to
                    + "; that is possible from " + from + " only");
        }
        jdbc.update("UPDATE tool_booking SET status = ?, " + column + " = ? WHERE id = ?", to.name(), Timestamp.from(now()),
                booking.id());
        return find(booking.id()).map(row -> view(row, caller)).orElseThrow();
    }

    private Row lock(UUID id) {
        return jdbc.query(BOOKING + " WHERE id = ? FOR UPDATE", (rs, n) -> booking(rs), id).stream().findFirst()
                .orElseThrow(() -> bookingNotFound(id));
    }

    private Optional<Row> find(UUID id) {
        return jdbc.query(BOOKING + " WHERE id = ?", (rs, n) -> booking(rs), id).stream().findFirst();
    }

    private ToolBookingView view(Row row, Caller caller) {
        boolean mine = caller.holds(Role.RESIDENT, row.communityId(), row.householdId());
        boolean overdue = row.status() == ToolBookingStatus.PICKED_UP ? now().isAfter(row.until())
                : row.returnedAt() != null && row.returnedAt().isAfter(row.until());
        return new ToolBookingView(row.id(), row.toolId(), row.communityId(),
                mine || propertyTeam(caller, row.communityId()) ? row.householdId() : null, mine, row.from(), row.until(),
                row.status(), row.depositCredits(), row.bookedAt(), row.pickedUpAt(), row.returnedAt(), row.cancelledAt(), overdue,
                row.depositState(), mine || propertyTeam(caller, row.communityId()) ? row.depositNote() : null, row.forfeitedAt());
    }

    private static boolean propertyTeam(Caller caller, String communityId) {
        return caller.holds(Role.ADMIN, communityId, null) || caller.holds(Role.PROPERTY_MANAGER, communityId, null)
                || caller.holds(Role.STAFF, communityId, null);
    }

    private static boolean member(Caller caller, String communityId) {
        return propertyTeam(caller, communityId) || caller.holds(Role.RESIDENT, communityId, null);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ToolView tool(ResultSet rs) throws SQLException {
        return new ToolView(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("name"),
                rs.getString("description"), rs.getInt("deposit_credits"), rs.getTimestamp("added_at").toInstant());
    }

    private static Row booking(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("tool_id", UUID.class), rs.getString("community_id"),
                rs.getString("household_id"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                ToolBookingStatus.valueOf(rs.getString("status")), rs.getInt("deposit_credits"),
                rs.getTimestamp("booked_at").toInstant(), instant(rs.getTimestamp("picked_up_at")),
                instant(rs.getTimestamp("returned_at")), instant(rs.getTimestamp("cancelled_at")), rs.getString("deposit_state"),
                rs.getString("deposit_note"), instant(rs.getTimestamp("forfeited_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static NotFoundException toolNotFound(UUID id) {
        return new NotFoundException("No shared tool " + id);
    }

    private static NotFoundException bookingNotFound(UUID id) {
        return new NotFoundException("No tool booking " + id);
    }

    private record Row(UUID id, UUID toolId, String communityId, String householdId, Instant from, Instant until,
            ToolBookingStatus status, int depositCredits, Instant bookedAt, @Nullable Instant pickedUpAt,
            @Nullable Instant returnedAt, @Nullable Instant cancelledAt, String depositState, @Nullable String depositNote,
            @Nullable Instant forfeitedAt) {
    }
}
