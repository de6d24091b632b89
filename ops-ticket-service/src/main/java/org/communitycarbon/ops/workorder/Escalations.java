package org.communitycarbon.ops.workorder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderEscalated;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Escalation (docs/operations.md, escalation): an active work order whose level's deadline has passed goes up one level
 * — from the property company to the community's residents' committee, then to the street office — with the new
 * level's deadline counted from the one missed ({@link EscalationSettings}). Each escalation, in one transaction: the
 * order's level, an entry in its trail ({@code ESCALATION}), a row of {@code work_order_escalation}, a
 * {@link WorkOrderEscalated} on {@link OpsTopics#ESCALATIONS} through the outbox, and the new level's notification
 * ({@link EscalationListener}s).
 * <p>
 * Idempotent: an order goes up only from the level it is at, and only once per level (the escalation table's key), so
 * a repeated check, two instances (an advisory lock lets one check at a time) or a late check change nothing twice. A
 * check takes each order up one level; an order overdue at two levels (the service was down for days) reaches the top
 * at the next check, a minute later, so each level is told in turn.
 */
@Service
public class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WorkOrderLifecycle lifecycle;
    private final Outbox outbox;
    private final EscalationSettings settings;
    private final ObjectProvider<EscalationListener> listeners;
    private final Clock clock;
    private final Counter toCommittee;
    private final Counter toStreetOffice;

    Escalations(JdbcTemplate jdbc, PlatformTransactionManager transactions, WorkOrderLifecycle lifecycle, Outbox outbox,
            EscalationSettings settings, ObjectProvider<EscalationListener> listeners, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.settings = settings;
        this.listeners = listeners;
        this.clock = clock;
        this.toCommittee = counter(meters, EscalationLevel.RESIDENTS_COMMITTEE);
        this.toStreetOffice = counter(meters, EscalationLevel.STREET_OFFICE);
    }

    private static Counter counter(MeterRegistry meters, EscalationLevel level) {
        return Counter.builder("ops.work-orders.escalated").description("Work orders escalated past a level's deadline")
                .tag("level", level.name()).register(meters);
    }

    /** What one escalation did, as the check returns it. */
    public record Escalation(UUID workOrderId, String communityId, WorkOrderType type, String sourceId, String title,
            WorkOrderStatus state, EscalationLevel fromLevel, EscalationLevel toLevel, Instant missedDeadline,
            Instant levelDeadline, Instant at, int sequence) {
    }

    /** Told of each escalation in its transaction: the notification inbox tells the new level. */
    public interface EscalationListener {

        void escalated(Escalation escalation);
    }

    @Scheduled(fixedDelayString = "${ops.escalation.check-interval:PT1M}", initialDelayString = "${ops.escalation.check-interval:PT1M}")
    void scheduledCheck() {
        try {
            check();
        }
        catch (RuntimeException e) {
            log.warn("Escalation: could not check work orders ({}); trying again at the next interval", e.getMessage());
        }
    }

    /**
     * Takes every active order whose level's deadline has passed up one level, unless another instance is checking;
     * returns the escalations made.
     */
    public List<Escalation> check() {
        List<Escalation> made = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('ops.escalation'))", Boolean.class);
            return Boolean.TRUE.equals(mine) ? escalate(now()) : List.<Escalation>of();
        });
        return made == null ? List.of() : made;
    }

    private List<Escalation> escalate(Instant now) {
        long committee = settings.committeeWithin().toSeconds();
        long street = settings.streetOfficeWithin().toSeconds();
        record Due(Escalation escalation, @Nullable String assignee) {
        }
        List<Due> due = new ArrayList<>();
        jdbc.query("""
                WITH due AS (
                    SELECT id, escalation_level AS from_level, coalesce(level_deadline, deadline) AS missed
                    FROM work_order
                    WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') AND escalation_level <> 'STREET_OFFICE'
                      AND coalesce(level_deadline, deadline) < ?
                    ORDER BY coalesce(level_deadline, deadline), id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE work_order w
                SET escalation_level = CASE due.from_level WHEN 'PROPERTY_COMPANY' THEN 'RESIDENTS_COMMITTEE' ELSE 'STREET_OFFICE' END,
                    escalated_at = ?,
                    level_deadline = due.missed + CASE due.from_level WHEN 'PROPERTY_COMPANY' THEN ? ELSE ? END * interval '1 second',
                    version = w.version + 1
                FROM due
                WHERE w.id = due.id
                RETURNING w.id, w.community_id, w.type, w.source_id, w.title, w.status, w.assignee, due.from_level,
                          w.escalation_level, due.missed, w.level_deadline""", rs -> {
            due.add(new Due(new Escalation(rs.getObject("id", UUID.class), rs.getString("community_id"),
                    WorkOrderType.valueOf(rs.getString("type")), rs.getString("source_id"), rs.getString("title"),
                    WorkOrderStatus.valueOf(rs.getString("status")), EscalationLevel.valueOf(rs.getString("from_level")),
                    EscalationLevel.valueOf(rs.getString("escalation_level")), rs.getTimestamp("missed").toInstant(),
                    rs.getTimestamp("level_deadline").toInstant(), now, 0), rs.getString("assignee")));
        }, Timestamp.from(now), settings.batchSize(), Timestamp.from(now), committee, street);
        return due.stream().map(d -> record(d.escalation(), d.assignee())).toList();
    }

    private Escalation record(Escalation escalation, @Nullable String assignee) {
        String note = "Escalated to the " + name(escalation.toLevel()) + ": the " + name(escalation.fromLevel())
                + "'s deadline " + escalation.missedDeadline() + " passed; due by " + escalation.levelDeadline();
        int sequence = lifecycle.appendToTrail(escalation.workOrderId(), new WorkOrder.Change(escalation.state(),
                escalation.state(), WorkOrderLifecycle.PLATFORM, escalation.at(), assignee, note, List.of()), "ESCALATION",
                escalation.toLevel());
        Escalation recorded = new Escalation(escalation.workOrderId(), escalation.communityId(), escalation.type(),
                escalation.sourceId(), escalation.title(), escalation.state(), escalation.fromLevel(), escalation.toLevel(),
                escalation.missedDeadline(), escalation.levelDeadline(), escalation.at(), sequence);
        jdbc.update("""
                INSERT INTO work_order_escalation (work_order_id, level, from_level, escalated_at, missed_deadline, level_deadline,
                                                   sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", recorded.workOrderId(), recorded.toLevel().name(), recorded.fromLevel().name(),
                Timestamp.from(recorded.at()), Timestamp.from(recorded.missedDeadline()),
                Timestamp.from(recorded.levelDeadline()), sequence);
        outbox.publish(OpsTopics.ESCALATIONS, recorded.communityId(), new WorkOrderEscalated(
                WorkOrderEscalated.eventIdOf(recorded.workOrderId(), recorded.toLevel()), WorkOrderEscalated.SCHEMA_VERSION,
                recorded.communityId(), recorded.at(), recorded.workOrderId(), recorded.type().alertType(), recorded.sourceId(),
                sequence, recorded.state().wire(), recorded.fromLevel(), recorded.toLevel(), recorded.missedDeadline(),
                recorded.levelDeadline()));
        listeners.orderedStream().forEach(listener -> listener.escalated(recorded));
        (recorded.toLevel() == EscalationLevel.RESIDENTS_COMMITTEE ? toCommittee : toStreetOffice).increment();
        return recorded;
    }

    /** The level as the trail's note names it. */
    static String name(EscalationLevel level) {
        return switch (level) {
            case PROPERTY_COMPANY -> "property company";
            case RESIDENTS_COMMITTEE -> "residents' committee";
            case STREET_OFFICE -> "street office";
        };
    }

    /** Microseconds, as PostgreSQL stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
