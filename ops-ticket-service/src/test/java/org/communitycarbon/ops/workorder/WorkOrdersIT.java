package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.security.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The opening rules against the real database, without Kafka in between. */
@OpsTicketServiceTest
class WorkOrdersIT {

    @Autowired
    WorkOrders workOrders;

    @Autowired
    WorkOrderLifecycle lifecycle;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private final String community = BinStatuses.community();
    private final String bin = BinStatuses.bin();

    @Test
    void aStatusTwiceInOneBatchOpensOneOrderAndItsReplayNone() {
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now());

        int opened = workOrders.recordBinStatuses(List.of(full, full));
        int replayed = workOrders.recordBinStatuses(List.of(full));

        assertThat(opened).isEqualTo(1);
        assertThat(replayed).isZero();
        assertThat(orders()).hasSize(1);
    }

    @Test
    void manyFullReadingsInOneBatchOpenOneOrderFromTheEarliest() {
        Instant first = BinStatuses.now().minusSeconds(600);
        BinStatusReported later = BinStatuses.status(community, bin, "0.95", first.plusSeconds(300));
        BinStatusReported earliest = BinStatuses.full(community, bin, first);
        BinStatusReported latest = BinStatuses.status(community, bin, "1", first.plusSeconds(540));

        assertThat(workOrders.recordBinStatuses(List.of(later, earliest, latest))).isEqualTo(1);

        Map<String, Object> order = orders().get(0);
        assertThat(order.get("id")).isEqualTo(NewWorkOrder.idFor(earliest.eventId()));
        assertThat(order.get("status")).isEqualTo("OPEN");
        assertThat(order.get("observed").toString()).isEqualTo("0.85");
    }

    @Test
    void fullReadingsOfDifferentBinsOpenOneOrderEach() {
        String otherBin = BinStatuses.bin();
        Instant now = BinStatuses.now();

        int opened = workOrders.recordBinStatuses(List.of(BinStatuses.full(community, bin, now),
                BinStatuses.full(community, otherBin, now), BinStatuses.full(community, bin, now.plusSeconds(60))));

        assertThat(opened).isEqualTo(2);
    }

    @Test
    void afterAResolutionOnlyAReadingObservedLaterOpensANewOrder() {
        workOrders.recordBinStatuses(List.of(BinStatuses.full(community, bin, BinStatuses.now().minusSeconds(3600))));
        UUID first = (UUID) orders().get(0).get("id");
        WorkOrderView resolved = lifecycle.resolve(staff(), first, "Emptied the bin", List.of());
        Instant resolvedAt = resolved.resolvedAt();
        assertThat(resolvedAt).isNotNull();

        BinStatusReported atResolution = BinStatuses.full(community, bin, resolvedAt);
        BinStatusReported before = BinStatuses.full(community, bin, resolvedAt.minusSeconds(30));
        BinStatusReported after = BinStatuses.full(community, bin, resolvedAt.plusSeconds(30));

        assertThat(workOrders.recordBinStatuses(List.of(atResolution, before))).isZero();
        assertThat(workOrders.recordBinStatuses(List.of(before, after, atResolution))).isEqualTo(1);
        assertThat(orders()).extracting(o -> o.get("status")).containsExactly("RESOLVED", "OPEN");
        assertThat(orders().get(1).get("id")).isEqualTo(NewWorkOrder.idFor(after.eventId()));
    }

    @Test
    void theDatabaseRefusesASecondActiveOrderForOneBin() {
        workOrders.recordBinStatuses(List.of(BinStatuses.full(community, bin, BinStatuses.now())));

        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO work_order (id, community_id, type, source_id, source_event_id, title, observed, threshold, unit,
                                        status, owner, opened_at, deadline)
                VALUES (?, ?, 'BIN_OVERFLOW', ?, ?, 'again', 0.9, 0.8, 'RATIO', 'OPEN', 'property:x', now(), now() + interval '2 hours')""",
                UUID.randomUUID(), community, bin, UUID.randomUUID()))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("work_order_one_active_per_source");
    }

    @Test
    void aReadingRacingAnotherOpeningForTheSameBinOpensNothing() throws Exception {
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now());
        UUID rivalOrder = UUID.randomUUID();

        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            try (PreparedStatement insert = rival.prepareStatement("""
                    INSERT INTO work_order (id, community_id, type, source_id, source_event_id, title, observed, threshold, unit,
                                            status, owner, opened_at, deadline)
                    VALUES (?, ?, 'BIN_OVERFLOW', ?, ?, 'rival', 0.9, 0.8, 'RATIO', 'OPEN', 'property:x', now(), now() + interval '2 hours')""")) {
                insert.setObject(1, rivalOrder);
                insert.setString(2, community);
                insert.setString(3, bin);
                insert.setObject(4, UUID.randomUUID());
                insert.executeUpdate();
            }
            // The batch cannot see the uncommitted order, decides to open one and must wait for the unique index.
            CompletableFuture<Integer> opened = CompletableFuture.supplyAsync(() -> workOrders.recordBinStatuses(List.of(full)));
            awaitWaitingForALock();
            rival.commit();

            assertThat(opened.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(orders()).extracting(o -> o.get("id")).containsExactly(rivalOrder);
    }

    @Test
    void aFullReadingObservedAfterAResolutionStillCommittingOpensANewOrder() throws Exception {
        workOrders.recordBinStatuses(List.of(BinStatuses.full(community, bin, BinStatuses.now().minusSeconds(3600))));
        UUID first = (UUID) orders().get(0).get("id");
        Instant resolvedAt = BinStatuses.now();
        BinStatusReported after = BinStatuses.full(community, bin, resolvedAt.plusSeconds(1));

        try (Connection resolver = dataSource.getConnection()) {
            resolver.setAutoCommit(false);
            try (PreparedStatement resolve = resolver.prepareStatement("""
                    UPDATE work_order SET status = 'RESOLVED', resolved_at = ?, resolved_by = 'staff', resolution_note = 'Emptied',
                                          version = version + 1
                    WHERE id = ?""")) {
                resolve.setObject(1, OffsetDateTime.ofInstant(resolvedAt, ZoneOffset.UTC));
                resolve.setObject(2, first);
                resolve.executeUpdate();
            }
            // Judged against the order as it was, the reading would be dropped as "the bin already has an order".
            CompletableFuture<Integer> opened = CompletableFuture.supplyAsync(() -> workOrders.recordBinStatuses(List.of(after)));
            awaitWaitingForALock();
            resolver.commit();

            assertThat(opened.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(orders()).extracting(o -> o.get("status")).containsExactly("RESOLVED", "OPEN");
    }

    private void awaitWaitingForALock() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%work_order%' AND pid <> pg_backend_pid()""", Integer.class) > 0);
    }

    private Caller staff() {
        return new Caller("staff-" + community, Set.of(Role.STAFF), null, community, Set.of(), null);
    }

    private List<Map<String, Object>> orders() {
        return jdbc.queryForList("SELECT * FROM work_order WHERE community_id = ? AND source_id = ? ORDER BY opened_at",
                community, bin);
    }
}
