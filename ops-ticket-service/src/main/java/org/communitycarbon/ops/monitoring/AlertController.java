package org.communitycarbon.ops.monitoring;

import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Monitoring alerts (environment thresholds, energy anomalies) for the people who oversee a community; its property
 * manager and staff acknowledge them. An alert outside the caller's community answers 404.
 */
@RestController
@RequestMapping("/api/ops")
@Validated
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/communities/{communityId}/alerts")
    @Operation(summary = "A community's monitoring alerts, newest first, optionally only ACTIVE or CLEARED ones and of "
            + "one kind (ENVIRONMENT, ENERGY) (property manager, staff, street office of the community; admins)")
    PageView<Alerts.AlertView> list(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable AlertStatus status,
            @RequestParam(required = false) @Nullable AlertKind kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireOversight(communityId);
        return alerts.list(communityId, status, kind, page, size);
    }

    @PostMapping("/alerts/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge a monitoring alert: someone knows (property manager, staff, admins); it stays active "
            + "until its condition clears; acknowledging again changes nothing")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    Alerts.AlertView acknowledge(Caller caller, @PathVariable UUID alertId) {
        return alerts.acknowledge(caller, alertId);
    }
}
