package org.communitycarbon.ops.open311;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.ops.workorder.AlertWorkOrders;
import org.communitycarbon.ops.workorder.WorkOrderChangeView;
import org.communitycarbon.ops.workorder.WorkOrderReader;
import org.communitycarbon.ops.workorder.WorkOrderStatus;
import org.communitycarbon.ops.workorder.WorkOrderType;
import org.communitycarbon.ops.workorder.WorkOrderView;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' reports as Open311 service requests (docs/open311.md). Filing one keeps the report and opens its
 * {@code RESIDENT_REPORT} work order in one transaction (the order's id derived from the request's, announced by an
 * {@code AlertRaised}); following one reads the order: {@code open} while it is active, {@code closed} once resolved, its
 * latest trail entry as {@code status_notes}, the current level's deadline as {@code expected_datetime} and the level —
 * property company, residents' committee, street office — as {@code agency_responsible}.
 */
@Service
class Open311Reports {

    /** At most this many reports a household files in a (UTC) day. */
    static final int DAILY_LIMIT = 20;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 250;
    static final int MAX_MEDIA_URL = 500;
    static final int MAX_RESULTS = 200;
    static final int MAX_UPDATES = 1000;
    static final String RECEIVED = "Received; waiting for the property company";

    private final JdbcTemplate jdbc;
    private final AlertWorkOrders workOrders;
    private final WorkOrderReader reader;
    private final Clock clock;

    Open311Reports(JdbcTemplate jdbc, AlertWorkOrders workOrders, WorkOrderReader reader, Clock clock) {
        this.jdbc = jdbc;
        this.workOrders = workOrders;
        this.reader = reader;
        this.clock = clock;
    }

    /** What a resident files; checked by {@link Open311Controller}. */
    record NewRequest(Open311Service service, @Nullable String description, @Nullable BigDecimal lat,
            @Nullable BigDecimal lon, @Nullable String address, @Nullable String mediaUrl) {
    }

    /** Files the resident's request: the report and its work order. Returns the service request's id. */
    @Transactional
    public UUID file(Caller caller, NewRequest request) {
        Caller.ResidentScope resident = caller.requireResident();
        return file(resident.communityId(), resident.householdId(), null, caller.subject(), null, DAILY_LIMIT, request);
    }

    /**
     * Files a request a partner app sends with its key, in the key's community: no household, the key as the reporter, at
     * most the key's daily limit a (UTC) day. Returns the service request's id.
     */
    @Transactional
    public UUID file(PartnerKeys.Partner partner, NewRequest request) {
        return file(partner.communityId(), null, partner.keyId(), "open311-partner:" + partner.keyId(), partner.name(),
                partner.dailyLimit(), request);
    }

    private UUID file(String community, @Nullable String household, @Nullable UUID partnerKey, String reporter,
            @Nullable String partnerName, int dailyLimit, NewRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        // one household (or partner key) at a time: two requests of the same filer count each other
        String filer = household != null ? "open311:" + household : "open311-partner:" + partnerKey;
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", filer);
        Integer today = household != null
                ? jdbc.queryForObject("SELECT count(*) FROM resident_report WHERE household_id = ? AND community_id = ? "
                        + "AND requested_at >= ?", Integer.class, household, community, Timestamp.from(dayStart))
                : jdbc.queryForObject("SELECT count(*) FROM resident_report WHERE partner_key_id = ? AND requested_at >= ?",
                        Integer.class, partnerKey, Timestamp.from(dayStart));
        if (today != null && today >= dailyLimit) {
            throw new Open311Exception(429, (household != null ? "household" : "api_key") + ": at most " + dailyLimit
                    + " requests a day; try again tomorrow");
        }
        UUID id = UUID.randomUUID();
        String title = request.service().serviceName + (request.description() == null ? ""
                : ": " + abbreviate(request.description(), 120));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("serviceRequestId", id.toString());
        details.put("serviceCode", request.service().code);
        if (request.lat() != null && request.lon() != null) {
            details.put("lat", request.lat().toPlainString());
            details.put("long", request.lon().toPlainString());
        }
        if (request.address() != null) {
            details.put("address", abbreviate(request.address(), 250));
        }
        if (partnerName != null) {
            details.put("filedThrough", abbreviate(partnerName, 100));
        }
        Quantity one = Quantity.of(BigDecimal.ONE, Unit.COUNT);
        UUID order = workOrders.open(id, community, WorkOrderType.RESIDENT_REPORT, id.toString(),
                abbreviate(title, 200), one, one, now, request.service().handleWithin, details);
        jdbc.update("""
                INSERT INTO resident_report (id, community_id, household_id, partner_key_id, reporter, service_code, description,
                                             lat, long, address_string, media_url, requested_at, work_order_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, community, household, partnerKey, reporter,
                request.service().code, request.description(), request.lat(), request.lon(), request.address(),
                request.mediaUrl(), Timestamp.from(now), order);
        return id;
    }

    /**
     * The community whose requests the caller reads: {@code jurisdiction} when given and in the caller's scope, else the
     * community of the caller's token (a street office's only one). Residents, the property team and residents'
     * committee read their own community, a street office one of its communities (naming it when it has several), an
     * admin any (named).
     */
    String jurisdiction(Caller caller, @Nullable String jurisdiction) {
        String community = jurisdiction != null ? jurisdiction : caller.communityId();
        if (community == null && caller.communityIds().size() == 1) {
            community = caller.communityIds().iterator().next();
        }
        if (community == null) {
            throw new Open311Exception(400, "jurisdiction_id: is required for a caller of several communities");
        }
        for (Role role : List.of(Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE,
                Role.ADMIN)) {
            if (caller.holds(role, community, null)) {
                return community;
            }
        }
        throw new AccessDeniedException("Jurisdiction " + community + " is outside your scope");
    }

    /** The community's requests, newest first, filtered as GeoReport v2 says. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> list(String community, @Nullable List<UUID> ids, @Nullable Open311Service service,
            @Nullable Instant start, @Nullable Instant end, @Nullable String status) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.id, r.service_code, r.description, r.lat, r.long, r.address_string, r.media_url, r.requested_at,
                       r.work_order_id
                FROM resident_report r JOIN work_order w ON w.id = r.work_order_id
                WHERE r.community_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(community);
        if (ids != null) {
            sql.append(" AND r.id = ANY (?::uuid[])");
            args.add(ids.stream().map(UUID::toString).toArray(String[]::new));
        }
        if (service != null) {
            sql.append(" AND r.service_code = ?");
            args.add(service.code);
        }
        if (start != null) {
            sql.append(" AND r.requested_at >= ?");
            args.add(Timestamp.from(start));
        }
        if (end != null) {
            sql.append(" AND r.requested_at < ?");
            args.add(Timestamp.from(end));
        }
        if (status != null) {
            sql.append(status.equals("open") ? " AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')"
                    : " AND w.status IN ('RESOLVED', 'CLOSED')");
        }
        sql.append(" ORDER BY r.requested_at DESC, r.id DESC LIMIT ").append(MAX_RESULTS);
        List<Report> reports = jdbc.query(sql.toString(), (rs, row) -> new Report(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class)), args.toArray());
        return reports.stream().map(this::request).toList();
    }

    /**
     * The request-updates extension: what happened to the community's requests between {@code start} (inclusive) and
     * {@code end}, oldest first, at most {@link #MAX_UPDATES}: each filing ({@code Received}) and each entry of the work
     * order's trail — assignment, start, each escalation with its new deadline, comments, resolution, closing, reopening —
     * as the reporter reads it in {@code status_notes}.
     */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> updates(String community, Instant start, Instant end) {
        return jdbc.query("""
                SELECT r.id, 0 AS sequence, r.requested_at AS at, NULL AS kind, 'OPEN' AS to_state, NULL AS note
                FROM resident_report r
                WHERE r.community_id = ? AND r.requested_at >= ? AND r.requested_at < ?
                UNION ALL
                SELECT r.id, c.sequence, c.changed_at, c.kind, c.to_state, c.note
                FROM resident_report r JOIN work_order_change c ON c.work_order_id = r.work_order_id
                WHERE r.community_id = ? AND c.changed_at >= ? AND c.changed_at < ?
                ORDER BY at, id, sequence
                LIMIT ?""", (rs, row) -> {
            UUID request = rs.getObject(1, UUID.class);
            int sequence = rs.getInt(2);
            WorkOrderStatus to = WorkOrderStatus.valueOf(rs.getString(5));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("update_id", EventIds.derived(request, "update-" + sequence).toString());
            fields.put("service_request_id", request.toString());
            fields.put("status", isOpen(to) ? "open" : "closed");
            fields.put("updated_datetime", rs.getTimestamp(3).toInstant().toString());
            fields.put("description", sequence == 0 ? RECEIVED : notes(rs.getString(4), to, rs.getString(6)));
            fields.put("media_url", null);
            return fields;
        }, community, Timestamp.from(start), Timestamp.from(end), community, Timestamp.from(start), Timestamp.from(end),
                MAX_UPDATES);
    }

    private record Report(UUID id, String serviceCode, @Nullable String description, @Nullable BigDecimal lat,
            @Nullable BigDecimal lon, @Nullable String address, @Nullable String mediaUrl, Instant requestedAt,
            UUID workOrderId) {
    }

    /** A request in GeoReport v2's fields, in its order. */
    private Map<String, Object> request(Report report) {
        WorkOrderView order = reader.find(report.workOrderId())
                .orElseThrow(() -> new IllegalStateException("the work order of request " + report.id() + " is gone"));
        List<WorkOrderChangeView> trail = reader.trail(report.workOrderId());
        WorkOrderChangeView last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
        Open311Service service = Open311Service.of(report.serviceCode()).orElse(Open311Service.OTHER);
        boolean open = order.status() != WorkOrderStatus.RESOLVED && order.status() != WorkOrderStatus.CLOSED;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service_request_id", report.id().toString());
        fields.put("status", open ? "open" : "closed");
        fields.put("status_notes", statusNotes(order, last));
        fields.put("service_name", service.serviceName);
        fields.put("service_code", service.code);
        fields.put("description", report.description());
        fields.put("agency_responsible", agency(order.escalationLevel()));
        fields.put("service_notice", "The property company handles it within " + service.handleWithin.toHours() + " hours");
        fields.put("requested_datetime", report.requestedAt().toString());
        fields.put("updated_datetime", (last == null ? order.openedAt() : last.at()).toString());
        fields.put("expected_datetime", open ? order.levelDeadline().toString() : null);
        fields.put("address", report.address());
        fields.put("address_id", null);
        fields.put("zipcode", null);
        fields.put("lat", report.lat() == null ? null : report.lat().stripTrailingZeros().toPlainString());
        fields.put("long", report.lon() == null ? null : report.lon().stripTrailingZeros().toPlainString());
        fields.put("media_url", report.mediaUrl());
        return fields;
    }

    /** What the reporter reads about where their request is: the state and the latest entry of the order's trail. */
    private static String statusNotes(WorkOrderView order, @Nullable WorkOrderChangeView last) {
        if (last == null) {
            return RECEIVED;
        }
        return notes(last.kind(), last.kind().equals("TRANSITION") ? last.to() : order.status(), last.note());
    }

    /** One trail entry as the reporter reads it: its kind, the state it left the order in, its note. */
    static String notes(@Nullable String kind, WorkOrderStatus to, @Nullable String note) {
        if ("ESCALATION".equals(kind)) {
            return note == null ? "Escalated" : note;
        }
        if ("COMMENT".equals(kind)) {
            return "Note: " + note;
        }
        return switch (to) {
            case OPEN -> note == null ? "Reopened" : "Reopened: " + note;
            case ASSIGNED -> note == null ? "Assigned; someone is on it" : "Reopened: " + note;
            case IN_PROGRESS -> "In progress";
            case RESOLVED -> note == null ? "Resolved" : "Resolved: " + note;
            case CLOSED -> note == null ? "Closed" : "Closed: " + note;
        };
    }

    static boolean isOpen(WorkOrderStatus status) {
        return status != WorkOrderStatus.RESOLVED && status != WorkOrderStatus.CLOSED;
    }

    private static String agency(EscalationLevel level) {
        return switch (level) {
            case PROPERTY_COMPANY -> "Property company";
            case RESIDENTS_COMMITTEE -> "Residents' committee";
            case STREET_OFFICE -> "Street office";
        };
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
