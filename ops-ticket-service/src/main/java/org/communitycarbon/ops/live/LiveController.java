package org.communitycarbon.ops.live;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;

/** A community's live stream as server-sent events, for the dashboard. */
@RestController
@RequestMapping("/api/ops")
class LiveController {

    private final LiveHub hub;

    LiveController(LiveHub hub) {
        this.hub = hub;
    }

    @Operation(summary = "A community's live stream (text/event-stream): `work-order` on each work-order change, `alert` on "
            + "each alert, `bin-status` samples of bin fill levels (at most 10 a second), a `hello` when it opens and a "
            + "heartbeat comment every 15 s; it ends after 10 minutes and the client reconnects (property manager, staff "
            + "and street office of the community, admins; at most 5 streams per user)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN}, community = "communityId")
    @GetMapping(path = "/communities/{communityId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> live(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return ResponseEntity.ok()
                // no proxy buffering: events must reach the browser as they happen
                .header("X-Accel-Buffering", "no")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(hub.open(communityId, caller.subject()));
    }

    @ExceptionHandler(LiveHub.Saturated.class)
    ResponseEntity<ProblemDetail> saturated(LiveHub.Saturated saturated) {
        HttpStatus status = saturated.perUser ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, saturated.getMessage());
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "30").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
