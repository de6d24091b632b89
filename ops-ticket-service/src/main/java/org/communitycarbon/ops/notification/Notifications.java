package org.communitycarbon.ops.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification inbox. Features notify an {@link Audience} in their own transaction ({@link #add}), with an id
 * derived from the fact, so a repeated fact notifies once; each user reads what is addressed to them — their subject,
 * a role they hold for a community in their token, their household — and marks it read for themselves.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 2000;

    private final JdbcTemplate jdbc;
    private final NotificationSettings settings;
    private final Clock clock;

    Notifications(JdbcTemplate jdbc, NotificationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Adds a notification for {@code audience}, in the caller's transaction, unless one with this id exists; returns
     * whether it was added. Title and body are cut to 200 and 2,000 characters.
     */
    public boolean add(UUID id, Audience audience, NotificationKind kind, String title, String body,
            @Nullable UUID workOrderId, Map<String, String> details, Instant at) {
        return jdbc.update("""
                INSERT INTO notification (id, community_id, audience_role, household_id, subject, kind, title, body, work_order_id,
                                          details, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (id) DO NOTHING""", id, audience.communityId(), audience.role().name(), audience.householdId(),
                audience.subject(), kind.name(), cut(title, MAX_TITLE), cut(body, MAX_BODY), workOrderId,
                details.isEmpty() ? null : JsonMapper.shared().writeValueAsString(new TreeMap<>(details)),
                Timestamp.from(at.truncatedTo(ChronoUnit.MICROS))) > 0;
    }

    /** A page of the caller's notifications, newest first; only the unread ones with {@code unreadOnly}. */
    @Transactional(readOnly = true)
    public InboxView inbox(Caller caller, boolean unreadOnly, int page, int size) {
        Filter visible = visibleTo(caller);
        List<Object> args = new ArrayList<>();
        args.add(caller.subject());
        args.addAll(visible.args());
        String where = visible.sql() + (unreadOnly ? " AND r.read_at IS NULL" : "");
        String from = "FROM notification n LEFT JOIN notification_read r ON r.notification_id = n.id AND r.subject = ? WHERE ";
        Long total = jdbc.queryForObject("SELECT count(*) " + from + where, Long.class, args.toArray());
        Long unread = jdbc.queryForObject("SELECT count(*) " + from + visible.sql() + " AND r.read_at IS NULL", Long.class,
                args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<NotificationView> items = jdbc.query("""
                SELECT n.id, n.kind, n.community_id, n.title, n.body, n.work_order_id, n.details::text, n.created_at, r.read_at
                """ + from + where + " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?", (rs, row) -> new NotificationView(
                rs.getObject(1, UUID.class), NotificationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, UUID.class), details(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()), pageArgs.toArray());
        long totalItems = total == null ? 0 : total;
        return new InboxView(items, page, size, totalItems, (int) ((totalItems + size - 1) / size), unread == null ? 0 : unread);
    }

    /** Marks one of the caller's notifications read (again: unchanged); 404 for one not addressed to them. */
    @Transactional
    public NotificationView markRead(Caller caller, UUID id) {
        Filter visible = visibleTo(caller);
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(visible.args());
        List<UUID> found = jdbc.queryForList("SELECT n.id FROM notification n WHERE n.id = ? AND " + visible.sql(), UUID.class,
                args.toArray());
        if (found.isEmpty()) {
            throw new NotFoundException("Notification " + id + " does not exist or is not yours");
        }
        jdbc.update("INSERT INTO notification_read (notification_id, subject, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                id, caller.subject(), Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return jdbc.queryForObject("""
                SELECT n.id, n.kind, n.community_id, n.title, n.body, n.work_order_id, n.details::text, n.created_at, r.read_at
                FROM notification n JOIN notification_read r ON r.notification_id = n.id AND r.subject = ?
                WHERE n.id = ?""", (rs, row) -> new NotificationView(rs.getObject(1, UUID.class),
                NotificationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, UUID.class), details(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant()), caller.subject(), id);
    }

    /** Deletes notifications past the retention, with their read marks, once an hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOld() {
        try {
            int deleted = jdbc.update("DELETE FROM notification WHERE created_at < ?",
                    Timestamp.from(clock.instant().minus(settings.retention())));
            if (deleted > 0) {
                log.info("Notifications: deleted {} older than {}", deleted, settings.retention());
            }
        }
        catch (RuntimeException e) {
            log.warn("Notifications: could not delete old ones ({}); trying again in an hour", e.getMessage());
        }
    }

    private record Filter(String sql, List<Object> args) {
    }

    /**
     * The notifications addressed to the caller: to their subject; to a role they hold for the community of their
     * token (a resident's only to everyone or to their household); to the street office of one of its communities.
     */
    private static Filter visibleTo(Caller caller) {
        List<String> any = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        any.add("n.subject = ?");
        args.add(caller.subject());
        String community = caller.communityId();
        if (community != null) {
            if (caller.has(Role.RESIDENT) && caller.householdId() != null) {
                any.add("(n.subject IS NULL AND n.audience_role = 'RESIDENT' AND n.community_id = ? "
                        + "AND (n.household_id IS NULL OR n.household_id = ?))");
                args.add(community);
                args.add(caller.householdId());
            }
            for (Role role : List.of(Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE)) {
                if (caller.has(role)) {
                    any.add("(n.subject IS NULL AND n.audience_role = ? AND n.community_id = ?)");
                    args.add(role.name());
                    args.add(community);
                }
            }
        }
        if (caller.has(Role.STREET_OFFICE) && !caller.communityIds().isEmpty()) {
            any.add("(n.subject IS NULL AND n.audience_role = 'STREET_OFFICE' AND n.community_id = ANY (?::text[]))");
            args.add(caller.communityIds().toArray(String[]::new));
        }
        return new Filter("(" + String.join(" OR ", any) + ")", args);
    }

    private static Map<String, String> details(@Nullable String json) {
        return json == null ? Map.of() : JsonMapper.shared().readValue(json, MAP);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
