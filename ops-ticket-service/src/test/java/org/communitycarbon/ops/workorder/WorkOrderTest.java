package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class WorkOrderTest {

    private static final Instant DEADLINE = Instant.parse("2026-11-22T09:30:00Z");

    @Test
    void anOpenOrderIsOverdueOnceItsDeadlineHasPassed() {
        assertThat(WorkOrder.overdue(DEADLINE, null, DEADLINE.minusSeconds(1))).isFalse();
        assertThat(WorkOrder.overdue(DEADLINE, null, DEADLINE)).isFalse();
        assertThat(WorkOrder.overdue(DEADLINE, null, DEADLINE.plusSeconds(1))).isTrue();
    }

    @Test
    void anOrderResolvedInTimeIsNeverOverdue() {
        assertThat(WorkOrder.overdue(DEADLINE, DEADLINE, DEADLINE.plusSeconds(86_400))).isFalse();
    }

    @Test
    void anOrderResolvedAfterItsDeadlineStaysOverdue() {
        assertThat(WorkOrder.overdue(DEADLINE, DEADLINE.plusSeconds(60), DEADLINE.plusSeconds(120))).isTrue();
    }
}
