package org.communitycarbon.ops.workorder;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ops.EscalationLevel;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import jakarta.persistence.LockModeType;

interface WorkOrderRepository extends Repository<WorkOrder, UUID> {

    Optional<WorkOrder> findById(UUID id);

    /** The order, row-locked until the transaction ends, so concurrent changes of it take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT w FROM WorkOrder w WHERE w.id = :id")
    Optional<WorkOrder> findByIdForUpdate(UUID id);

    Page<WorkOrder> findByCommunityIdOrderByOpenedAtDescIdDesc(String communityId, Pageable page);

    /** The newest orders, without counting them all (one statement). */
    List<WorkOrder> findByCommunityIdOrderByOpenedAtDescIdDesc(String communityId, Limit limit);

    /** A staff member's queue in their community: soonest deadline first. */
    Page<WorkOrder> findByCommunityIdAndAssigneeAndStatusInOrderByDeadlineAscIdAsc(String communityId, String assignee,
            Collection<WorkOrderStatus> statuses, Pageable page);

    /** An admin's queue: in any community. */
    Page<WorkOrder> findByAssigneeAndStatusInOrderByDeadlineAscIdAsc(String assignee, Collection<WorkOrderStatus> statuses,
            Pageable page);

    Page<WorkOrder> findByCommunityIdAndEscalationLevelOrderByOpenedAtDescIdDesc(String communityId, EscalationLevel level,
            Pageable page);

    Page<WorkOrder> findByCommunityIdAndStatusAndEscalationLevelOrderByOpenedAtDescIdDesc(String communityId,
            WorkOrderStatus status, EscalationLevel level, Pageable page);

    Page<WorkOrder> findByCommunityIdAndStatusOrderByOpenedAtDescIdDesc(String communityId, WorkOrderStatus status,
            Pageable page);
}
