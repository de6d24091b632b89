package org.communitycarbon.accounting.restatement;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Restatements of a community's months under another published methodology version. The community's property manager
 * and admins ask for one; its property team, its street office and admins read them (as JSON, or as CSV with
 * {@code Accept: text/csv}). Aggregates only: no household is named.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}/restatements")
class RestatementController {

    private final Restatements restatements;

    RestatementController(Restatements restatements) {
        this.restatements = restatements;
    }

    @Operation(summary = "Restates the community's local months from..to under a published methodology version (its property "
            + "manager, admins): per month and source, the figure as recorded with its versions, restated, and the difference; "
            + "nothing recorded changes and no credit is issued. 201 with the report; the same request again: 200, the same "
            + "report (Idempotent-Replayed: true)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    @PostMapping
    ResponseEntity<RestatementView> restate(Caller caller, @PathVariable String communityId, @RequestBody RestatementRequest body) {
        Require.identifier(communityId, "communityId");
        Restatements.Outcome outcome = restatements.restate(communityId, body.checked(restatements.runningMonth(communityId)),
                caller.subject());
        ResponseEntity.BodyBuilder answer = outcome.created()
                ? ResponseEntity.created(URI.create("/api/accounting/communities/" + communityId + "/restatements/"
                        + outcome.report().id()))
                : ResponseEntity.ok();
        return answer.header("Idempotent-Replayed", String.valueOf(!outcome.created())).body(outcome.report());
    }

    @Operation(summary = "The community's restatements, newest first, without their items (its property team, street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping
    @Transactional(readOnly = true)
    List<RestatementView.Summary> list(@PathVariable String communityId) {
        return restatements.list(communityId);
    }

    @Operation(summary = "A restatement of the community as it was computed; as CSV (Accept: text/csv) one row per item "
            + "(its property team, street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/{restatementId}")
    @Transactional(readOnly = true)
    RestatementView one(@PathVariable String communityId, @PathVariable UUID restatementId) {
        return restatements.read(communityId, restatementId)
                .orElseThrow(() -> new NotFoundException("The community has no restatement " + restatementId));
    }
}
