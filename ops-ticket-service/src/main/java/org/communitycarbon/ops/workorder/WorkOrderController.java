package org.communitycarbon.ops.workorder;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

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

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Work orders for the people who oversee a community: its property manager and staff, the street office
 * above it, an admin. Only the property side (manager, staff) or an admin resolves them; a street office
 * reads. An order outside the caller's scope answers 404, so its existence is not revealed.
 */
@RestController
@RequestMapping("/api/ops")
class WorkOrderController {

    private final WorkOrderRepository orders;
    private final WorkOrders workOrders;
    private final Clock clock;

    WorkOrderController(WorkOrderRepository orders, WorkOrders workOrders, Clock clock) {
        this.orders = orders;
        this.workOrders = workOrders;
        this.clock = clock;
    }

    /** A community's work orders, newest first, optionally only those in one status. */
    @GetMapping("/communities/{communityId}/work-orders")
    @Transactional(readOnly = true)
    PageView<WorkOrderView> list(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable WorkOrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireOversight(communityId);
        PageRequest request = PageRequest.of(page, size);
        Page<WorkOrder> found = status == null
                ? orders.findByCommunityIdOrderByOpenedAtDescIdDesc(communityId, request)
                : orders.findByCommunityIdAndStatusOrderByOpenedAtDescIdDesc(communityId, status, request);
        Instant now = clock.instant();
        return PageView.of(found.map(order -> WorkOrderView.of(order, now)));
    }

    @GetMapping("/work-orders/{id}")
    @Transactional(readOnly = true)
    WorkOrderView get(Caller caller, @PathVariable UUID id) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN);
        return orders.findById(id)
                .filter(order -> caller.oversees(order.communityId()))
                .map(order -> WorkOrderView.of(order, clock.instant()))
                .orElseThrow(() -> WorkOrders.notFound(id));
    }

    /** Resolves the order with a note; resolving it again returns it unchanged. */
    @PostMapping("/work-orders/{id}/resolve")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    WorkOrderView resolve(Caller caller, @PathVariable UUID id, @Valid @RequestBody ResolveRequest request) {
        return workOrders.resolve(caller, id, request.note());
    }
}
