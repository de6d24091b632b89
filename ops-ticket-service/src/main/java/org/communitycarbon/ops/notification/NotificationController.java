package org.communitycarbon.ops.notification;

import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The caller's own notification inbox: whatever is addressed to them, their role in their community, or their household. */
@RestController
@RequestMapping("/api/ops/me/notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, newest first, with the number unread: escalated work orders for the "
            + "residents' committee and street office, sorting guidance for a household, updates of a resident's reports")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    InboxView inbox(Caller caller,
            @Parameter(description = "only the notifications the caller has not marked read")
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return notifications.inbox(caller, unread, page, size);
    }

    @PostMapping("/{notificationId}/read")
    @Operation(summary = "Mark one of the caller's notifications read, for the caller only (again: unchanged); 404 for one "
            + "not addressed to them")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    NotificationView read(Caller caller, @PathVariable UUID notificationId) {
        return notifications.markRead(caller, notificationId);
    }
}
