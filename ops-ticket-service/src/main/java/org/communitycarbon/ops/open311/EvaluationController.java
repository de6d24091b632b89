package org.communitycarbon.ops.open311;

import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A resident's own Open311 requests and their evaluation, in the platform's REST style (problem details), beside the
 * standard's endpoints: the household that filed a request evaluates its resolution once.
 */
@RestController
@RequestMapping("/api/ops/me/service-requests")
class EvaluationController {

    private final Evaluations evaluations;

    EvaluationController(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    /**
     * The resident's evaluation.
     *
     * @param satisfied true closes the resolved order, false reopens it
     * @param comment up to 400 characters; required when not satisfied (the reason it is reopened with)
     */
    record EvaluationRequest(@NotNull Boolean satisfied, @Nullable @Size(min = 1, max = Evaluations.MAX_COMMENT) String comment) {
    }

    @GetMapping
    @Operation(summary = "The resident's household's own Open311 requests, newest first (at most 200): status, the work "
            + "order's state, whether it can be evaluated now (resolved, not evaluated yet) and the evaluation")
    @Allowed(Role.RESIDENT)
    List<Evaluations.OwnRequestView> own(Caller caller) {
        return evaluations.own(caller);
    }

    @PostMapping("/{serviceRequestId}/evaluation")
    @Operation(summary = "The household that filed a request evaluates its resolution, once: satisfied closes the work order, "
            + "not satisfied reopens it with the comment as the reason (required then); 409 unless the order is resolved or "
            + "when already evaluated; 403 for another household's request")
    @Allowed(Role.RESIDENT)
    Evaluations.EvaluationView evaluate(Caller caller, @PathVariable UUID serviceRequestId,
            @Valid @RequestBody EvaluationRequest request) {
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (!request.satisfied() && comment == null) {
            throw new org.communitycarbon.model.ContractViolation("comment", "is required when not satisfied: the reason the "
                    + "request is reopened with");
        }
        return evaluations.evaluate(caller, serviceRequestId, request.satisfied(), comment);
    }
}
