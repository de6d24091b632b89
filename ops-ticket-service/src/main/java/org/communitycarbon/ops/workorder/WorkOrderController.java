package org.communitycarbon.ops.workorder;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Work orders for the people who oversee a community: its property manager and staff, its residents' committee, the
 * street office above it, an admin. The property manager assigns, closes and reopens; staff take, start and resolve
 * (the manager resolves too); the residents' committee reads, and assigns and resolves an order once it was escalated to
 * it; the street office reads; anyone of these comments; an admin does anything. An order outside the caller's scope
 * answers 404, so its existence is not revealed.
 */
@RestController
@RequestMapping("/api/ops")
class WorkOrderController {

    private final WorkOrderRepository orders;
    private final WorkOrderLifecycle lifecycle;
    private final Clock clock;

    WorkOrderController(WorkOrderRepository orders, WorkOrderLifecycle lifecycle, Clock clock) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** A community's work orders, newest first, optionally only those in one status or at one escalation level. */
    @GetMapping("/communities/{communityId}/work-orders")
    @Operation(summary = "A community's work orders, newest first, optionally in one status and at one escalation level "
            + "(property team, residents' committee, street office of the community)")
    @Transactional(readOnly = true)
    PageView<WorkOrderView> list(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable WorkOrderStatus status,
            @Parameter(description = "only orders at this level: RESIDENTS_COMMITTEE for the committee's own list")
            @RequestParam(required = false) @Nullable EscalationLevel level,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Supervision.require(caller, communityId);
        PageRequest request = PageRequest.of(page, size);
        Page<WorkOrder> found;
        if (level != null) {
            found = status == null
                    ? orders.findByCommunityIdAndEscalationLevelOrderByOpenedAtDescIdDesc(communityId, level, request)
                    : orders.findByCommunityIdAndStatusAndEscalationLevelOrderByOpenedAtDescIdDesc(communityId, status, level,
                            request);
        }
        else {
            found = status == null
                    ? orders.findByCommunityIdOrderByOpenedAtDescIdDesc(communityId, request)
                    : orders.findByCommunityIdAndStatusOrderByOpenedAtDescIdDesc(communityId, status, request);
        }
        Instant now = clock.instant();
        return PageView.of(found.map(order -> WorkOrderView.of(order, now)));
    }

    @GetMapping("/work-orders/{id}")
    @Operation(summary = "A work order with its state, deadline and escalation level (property team, residents' committee, "
            + "street office of its community)")
    @Transactional(readOnly = true)
    WorkOrderView get(Caller caller, @PathVariable UUID id) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN);
        return orders.findById(id)
                .filter(order -> Supervision.supervises(caller, order.communityId()))
                .map(order -> WorkOrderView.of(order, clock.instant()))
                .orElseThrow(() -> WorkOrders.notFound(id));
    }

    /** The caller's own queue: the orders assigned to them that are assigned or in progress, soonest deadline first. */
    @GetMapping("/work-orders/mine")
    @Operation(summary = "The caller's queue: work orders assigned to them (ASSIGNED or IN_PROGRESS), soonest deadline first")
    @Transactional(readOnly = true)
    PageView<WorkOrderView> mine(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        PageRequest request = PageRequest.of(page, size);
        EnumSet<WorkOrderStatus> queued = EnumSet.of(WorkOrderStatus.ASSIGNED, WorkOrderStatus.IN_PROGRESS);
        String community = caller.communityId();
        Page<WorkOrder> found = caller.has(Role.ADMIN) || community == null
                ? orders.findByAssigneeAndStatusInOrderByDeadlineAscIdAsc(caller.subject(), queued, request)
                : orders.findByCommunityIdAndAssigneeAndStatusInOrderByDeadlineAscIdAsc(community, caller.subject(), queued,
                        request);
        Instant now = clock.instant();
        return PageView.of(found.map(order -> WorkOrderView.of(order, now)));
    }

    /** The order's trail: every change since it opened, oldest first. */
    @GetMapping("/work-orders/{id}/history")
    @Operation(summary = "A work order's trail: each change of state, escalation and comment since it opened, with who made "
            + "it, when, from and to which state, the assignee, note, photo references and the level an escalation reached")
    List<WorkOrderChangeView> history(Caller caller, @PathVariable UUID id) {
        return lifecycle.history(caller, id);
    }

    /** A comment in the order's trail, from anyone who may read the order. */
    @PostMapping("/work-orders/{id}/comment")
    @Operation(summary = "Add a comment (1 to 500 characters) to a work order's trail, changing nothing else (property team, "
            + "residents' committee, street office of its community)")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    WorkOrderChangeView comment(Caller caller, @PathVariable UUID id, @Valid @RequestBody CommentRequest request) {
        return lifecycle.comment(caller, id, request.note());
    }

    /** Assigns the order to a staff member (their token subject) or a team: the property manager. */
    @PostMapping("/work-orders/{id}/assign")
    @Operation(summary = "Assign an open, assigned or in-progress work order to a staff member's subject or a team "
            + "(property manager; the residents' committee once the order was escalated to it); 409 naming the allowed "
            + "actions otherwise")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN, Role.RESIDENTS_COMMITTEE})
    WorkOrderView assign(Caller caller, @PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        return lifecycle.assign(caller, id, request.assignee());
    }

    /** A staff member takes an open order for themselves. */
    @PostMapping("/work-orders/{id}/take")
    @Operation(summary = "Take an open work order: it is assigned to the caller (staff)")
    @Allowed({Role.STAFF, Role.ADMIN})
    WorkOrderView take(Caller caller, @PathVariable UUID id) {
        return lifecycle.take(caller, id);
    }

    /** A staff member starts an assigned order. */
    @PostMapping("/work-orders/{id}/start")
    @Operation(summary = "Start an assigned work order (staff): IN_PROGRESS")
    @Allowed({Role.STAFF, Role.ADMIN})
    WorkOrderView start(Caller caller, @PathVariable UUID id) {
        return lifecycle.start(caller, id);
    }

    /** Resolves the order with a note and photo references; resolving it again returns it unchanged. */
    @PostMapping("/work-orders/{id}/resolve")
    @Operation(summary = "Resolve an active work order with a note and optional photo references (staff, property "
            + "manager; the residents' committee once the order was escalated to it); an order already resolved or closed "
            + "is returned unchanged")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN, Role.RESIDENTS_COMMITTEE})
    WorkOrderView resolve(Caller caller, @PathVariable UUID id, @Valid @RequestBody ResolveRequest request) {
        return lifecycle.resolve(caller, id, request.note(), request.photoReferences());
    }

    /** The property manager verifies a resolved order and closes it; a bin's order is closed by the bin's low reading. */
    @PostMapping("/work-orders/{id}/close")
    @Operation(summary = "Verify and close a resolved work order (property manager). A bin-overflow order answers 409: "
            + "it closes when the bin reports a low fill level after the resolution")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN})
    WorkOrderView close(Caller caller, @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable CloseRequest request) {
        return lifecycle.close(caller, id, request == null ? null : request.note());
    }

    /** The property manager reopens a resolved or closed order with a reason. */
    @PostMapping("/work-orders/{id}/reopen")
    @Operation(summary = "Reopen a resolved or closed work order with a reason (property manager): back to ASSIGNED when "
            + "it has an assignee, else OPEN; 409 when another order is active for the same source")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN})
    WorkOrderView reopen(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReopenRequest request) {
        return lifecycle.reopen(caller, id, request.reason());
    }
}
