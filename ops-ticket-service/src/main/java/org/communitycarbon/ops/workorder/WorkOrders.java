package org.communitycarbon.ops.workorder;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Opens work orders; {@link WorkOrderLifecycle} moves them on.
 * <p>
 * A batch of bin statuses is one transaction: claim the events in the inbox, lock the bins' active
 * orders and read their last resolutions, let the {@link BinOverflowRule} decide, insert the new orders
 * with {@code ON CONFLICT DO NOTHING} and queue an {@code AlertRaised} for each order the database
 * accepted. The partial unique index on active orders is what guarantees one order per bin, whatever
 * runs concurrently; the row locks make a resolution and a batch take turns, so a reading is never
 * judged against a resolution that is about to commit.
 */
@Service
public class WorkOrders {

    static final String CONSUMER = "ops.bin-statuses";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final WorkOrderRepository orders;
    private final BinOverflowRule binOverflow;
    private final WorkOrderLifecycle lifecycle;
    private final Map<WorkOrderType, Counter> opened = new java.util.EnumMap<>(WorkOrderType.class);

    WorkOrders(JdbcTemplate jdbc, ProcessedEvents processed, Outbox outbox, WorkOrderRepository orders,
            BinOverflowSettings binOverflow, WorkOrderLifecycle lifecycle, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.outbox = outbox;
        this.orders = orders;
        this.binOverflow = new BinOverflowRule(binOverflow);
        this.lifecycle = lifecycle;
        for (WorkOrderType type : WorkOrderType.values()) {
            opened.put(type, Counter.builder("ops.work-orders.opened").description("Work orders opened from sensor data")
                    .tag("type", type.name()).register(meters));
        }
    }

    /**
     * Opens a work order for each overflowing bin that has none active; returns how many it opened. Each
     * status counts once however often it is delivered, also twice in one batch.
     */
    @Transactional
    public int recordBinStatuses(List<BinStatusReported> statuses) {
        Set<UUID> fresh = processed.claim(CONSUMER, statuses.stream().map(BinStatusReported::eventId).toList());
        List<BinStatusReported> overflowing = new ArrayList<>();
        List<BinStatusReported> emptied = new ArrayList<>();
        for (BinStatusReported status : statuses) {
            // fresh.remove: the same event twice in one batch is still seen once
            if (fresh.remove(status.eventId())) {
                if (binOverflow.overflows(status)) {
                    overflowing.add(status);
                }
                else if (binOverflow.emptied(status)) {
                    emptied.add(status);
                }
            }
        }
        lifecycle.confirmEmptied(emptied);
        if (overflowing.isEmpty()) {
            return 0;
        }
        // The earliest full reading of a bin opens its order, so the deadline counts from when it was seen full.
        overflowing.sort(Comparator.comparing(BinStatusReported::occurredAt));
        Map<Bin, BinHistory> bins = histories(WorkOrderType.BIN_OVERFLOW,
                overflowing.stream().map(Bin::of).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<NewWorkOrder> candidates = new ArrayList<>();
        for (BinStatusReported status : overflowing) {
            Bin bin = Bin.of(status);
            BinHistory history = bins.getOrDefault(bin, BinHistory.NONE);
            binOverflow.assess(status, history).ifPresent(order -> {
                candidates.add(order);
                bins.put(bin, history.withActiveOrder());
            });
        }
        return open(candidates).size();
    }

    /**
     * Opens the orders the database accepts — none for a source that already has an active order of the type, or
     * for a triggering event that already opened one — and queues an alert for each, in the caller's transaction.
     */
    List<NewWorkOrder> open(List<NewWorkOrder> candidates) {
        List<NewWorkOrder> accepted = insert(candidates);
        outbox.publishAll(accepted.stream()
                .map(order -> new Outbox.Message(OpsTopics.ALERTS, order.communityId(), order.alertRaised()))
                .toList());
        accepted.forEach(order -> opened.get(order.type()).increment());
        return accepted;
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("Work order " + id + " does not exist or is outside your scope");
    }

    /**
     * Locks the bins' active orders (waiting for a resolution in progress to commit), then reads when each
     * bin's last order was resolved. Each statement sees what committed before it started, so the second
     * one sees any resolution the first waited for.
     */
    private Map<Bin, BinHistory> histories(WorkOrderType type, Set<Bin> bins) {
        List<String> communities = bins.stream().map(Bin::communityId).toList();
        List<String> sources = bins.stream().map(Bin::sourceId).toList();
        Set<Bin> active = new HashSet<>();
        jdbc.query(connection -> statement(connection, """
                SELECT w.community_id, w.source_id
                FROM work_order w JOIN unnest(?::text[], ?::text[]) AS b(community_id, source_id) USING (community_id, source_id)
                WHERE w.type = ? AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
                ORDER BY w.id
                FOR UPDATE OF w""", communities, sources, type), rs -> {
            active.add(new Bin(rs.getString(1), rs.getString(2)));
        });
        Map<Bin, BinHistory> histories = new HashMap<>();
        jdbc.query(connection -> statement(connection, """
                SELECT w.community_id, w.source_id, max(w.resolved_at)
                FROM work_order w JOIN unnest(?::text[], ?::text[]) AS b(community_id, source_id) USING (community_id, source_id)
                WHERE w.type = ? AND w.status IN ('RESOLVED', 'CLOSED')
                GROUP BY w.community_id, w.source_id""", communities, sources, type), rs -> {
            histories.put(new Bin(rs.getString(1), rs.getString(2)),
                    new BinHistory(false, rs.getObject(3, OffsetDateTime.class).toInstant()));
        });
        for (Bin bin : active) {
            histories.put(bin, histories.getOrDefault(bin, BinHistory.NONE).withActiveOrder());
        }
        return histories;
    }

    /** Inserts the orders the database accepts: none for a source that already has an active one. */
    private List<NewWorkOrder> insert(List<NewWorkOrder> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<UUID> inserted = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO work_order (id, community_id, type, source_id, source_event_id, title, observed, threshold,
                                            unit, status, owner, opened_at, deadline, details)
                    SELECT id, community_id, type, source_id, source_event_id, title, observed, threshold, unit, 'OPEN',
                           owner, opened_at, deadline, details
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[]::numeric[],
                                ?::text[]::numeric[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[],
                                ?::text[]::jsonb[])
                         AS t(id, community_id, type, source_id, source_event_id, title, observed, threshold, unit, owner,
                              opened_at, deadline, details)
                    ON CONFLICT DO NOTHING
                    RETURNING id""");
            int column = 1;
            statement.setArray(column++, array(connection, "uuid", candidates, NewWorkOrder::id));
            statement.setArray(column++, array(connection, "text", candidates, NewWorkOrder::communityId));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.type().name()));
            statement.setArray(column++, array(connection, "text", candidates, NewWorkOrder::sourceId));
            statement.setArray(column++, array(connection, "uuid", candidates, NewWorkOrder::sourceEventId));
            statement.setArray(column++, array(connection, "text", candidates, NewWorkOrder::title));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.observed().value().toPlainString()));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.threshold().value().toPlainString()));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.observed().unit().name()));
            statement.setArray(column++, array(connection, "text", candidates, NewWorkOrder::owner));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.openedAt().toString()));
            statement.setArray(column++, array(connection, "text", candidates, o -> o.deadline().toString()));
            statement.setArray(column, array(connection, "text", candidates, o -> WorkOrderDetails.toJson(o.details())));
            return statement;
        }, rs -> {
            inserted.add(rs.getObject(1, UUID.class));
        });
        return candidates.stream().filter(order -> inserted.contains(order.id())).toList();
    }

    private static PreparedStatement statement(Connection connection, String sql, List<String> communities,
            List<String> sources, WorkOrderType type) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setArray(1, connection.createArrayOf("text", communities.toArray()));
        statement.setArray(2, connection.createArrayOf("text", sources.toArray()));
        statement.setString(3, type.name());
        return statement;
    }

    private static Array array(Connection connection, String type, List<NewWorkOrder> orders,
            Function<NewWorkOrder, @Nullable Object> column) throws SQLException {
        return connection.createArrayOf(type, orders.stream().map(column).toArray());
    }

    /** A source of bin-overflow orders: one bin of one community. */
    private record Bin(String communityId, String sourceId) {

        static Bin of(BinStatusReported status) {
            return new Bin(status.communityId(), status.deviceId());
        }
    }
}
