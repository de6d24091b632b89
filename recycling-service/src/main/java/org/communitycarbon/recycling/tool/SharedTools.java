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
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's shared tools and their bookings. A booking locks its tool's row, so two requests for the same tool
 * are decided one after the other and two active bookings (booked or picked up) never overlap. A tool or booking of
 * another community is "not found".
 */
@Service
public class SharedTools {

    /** How far in the past a booking may start: the seconds a phone's clock or a slow network take. */
    private static final Duration GRACE = Duration.ofMinutes(5);

    /** Most bookings one calendar answer shows. */
    static final int CALENDAR_LIMIT = 200;

    private static final String BOOKING = """
            SELECT id, tool_id, community_id, household_id, starts_at, ends_at, status, deposit_credits, booked_at, picked_up_at,
                   returned_at, cancelled_at FROM tool_booking""";

    private final JdbcTemplate jdbc;
    private final ToolSettings settings;
    private final Clock clock;

    SharedTools(JdbcTemplate jdbc, ToolSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
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
                SELECT count(*) FROM tool_booking WHERE community_id = ? AND household_id = ? AND status IN ('BOOKED', 'PICKED_UP')""",
                Integer.class, resident.communityId(), resident.householdId());
        if (active != null && active >= settings.activePerHousehold()) {
            throw new ConflictException("The household already holds " + active + " tool bookings not yet returned; at most "
                    + settings.activePerHousehold() + " at a time");
        }
        List<String> overlapping = jdbc.query("""
                SELECT starts_at, ends_at FROM tool_booking
                WHERE tool_id = ? AND status IN ('BOOKED', 'PICKED_UP') AND starts_at < ? AND ends_at > ?
                ORDER BY starts_at LIMIT 1""", (rs, n) -> rs.getTimestamp("starts_at").toInstant() + " to "
                + rs.getTimestamp("ends_at").toInstant(), toolId, Timestamp.from(until), Timestamp.from(from));
        if (!overlapping.isEmpty()) {
            throw new ConflictException("The tool '" + tool.name() + "' is already booked from " + overlapping.get(0)
                    + ", which overlaps " + from + " to " + until + "; see its calendar and choose another time");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO tool_booking (id, tool_id, community_id, household_id, starts_at, ends_at, status, deposit_credits, booked_at)
                VALUES (?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?)""", id, toolId, resident.communityId(), resident.householdId(),
                Timestamp.from(from), Timestamp.from(until), tool.depositCredits(), Timestamp.from(now));
        return find(id).map(row -> view(row, caller)).orElseThrow();
    }

    /** A tool's active bookings ending after {@code from} and starting before {@code until}, by start. */
    @Transactional(readOnly = true)
    List<ToolBookingView> calendar(UUID toolId, Caller caller, Instant from, Instant until) {
        List<String> community = jdbc.queryForList("SELECT community_id FROM shared_tool WHERE id = ?", String.class, toolId);
        if (community.isEmpty() || !member(caller, community.get(0))) {
            throw toolNotFound(toolId);
        }
        return jdbc.query(BOOKING + " WHERE tool_id = ? AND status IN ('BOOKED', 'PICKED_UP') AND ends_at > ? AND starts_at < ?"
                + " ORDER BY starts_at, id LIMIT ?", (rs, n) -> booking(rs), toolId, Timestamp.from(from), Timestamp.from(until),
                CALENDAR_LIMIT).stream().map(row -> view(row, caller)).toList();
    }

    /** Every booking of a household, newest first (a resident's copy of their data). */
    @Transactional(readOnly = true)
    public List<ToolBookingView> allOfHousehold(String communityId, String householdId, Caller caller) {
        return jdbc.query(BOOKING + " WHERE community_id = ? AND household_id = ? ORDER BY starts_at DESC, id DESC LIMIT 10000",
                (rs, n) -> booking(rs), communityId, householdId).stream().map(row -> view(row, caller)).toList();
    }

    /** The household's resident or the property team cancels a booking not yet picked up. */
    @Transactional
    ToolBookingView cancel(UUID id, Caller caller) {
        Row booking = lock(id);
        if (!caller.holds(Role.RESIDENT, booking.communityId(), booking.householdId()) && !propertyTeam(caller, booking.communityId())) {
            throw bookingNotFound(id);
        }
        return move(booking, ToolBookingStatus.BOOKED, ToolBookingStatus.CANCELLED, "cancelled_at", caller);
    }

    /** The property team hands the tool over. */
    @Transactional
    ToolBookingView pickUp(UUID id, Caller caller) {
        Row booking = lock(id);
        if (!propertyTeam(caller, booking.communityId())) {
            throw bookingNotFound(id);
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
        return move(booking, ToolBookingStatus.PICKED_UP, ToolBookingStatus.RETURNED, "returned_at", caller);
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
                row.status(), row.depositCredits(), row.bookedAt(), row.pickedUpAt(), row.returnedAt(), row.cancelledAt(), overdue);
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
                instant(rs.getTimestamp("returned_at")), instant(rs.getTimestamp("cancelled_at")));
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
            @Nullable Instant returnedAt, @Nullable Instant cancelledAt) {
    }
}
