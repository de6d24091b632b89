package org.communitycarbon.accounting.travel;

import java.util.List;

import org.communitycarbon.accounting.travel.TripImport.Answer;
import org.communitycarbon.accounting.travel.TripImport.Outcome;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.JsonNode;

/**
 * A partner platform reports its linked residents' trips, up to {@value TripImport#MAX_TRIPS} a batch, named by an
 * {@code Idempotency-Key}. The answer has a result per line — never all or nothing; the same batch sent again is answered
 * the same and counts nothing twice.
 */
@RestController
@RequestMapping("/api/accounting")
class TripBatchController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Partners partners;
    private final TripImport imports;

    TripBatchController(Partners partners, TripImport imports) {
        this.partners = partners;
        this.imports = imports;
    }

    /** A batch: its trips, each read line by line (a line that is not a trip is refused alone). */
    record TripBatch(@Nullable List<JsonNode> trips) {
    }

    @Operation(summary = "Reports a batch of green trips (the partner itself): a result per line — ACCEPTED (credited when a "
            + "reduction is given), DUPLICATE (of a trip already accepted, by this or another partner) or REFUSED naming the "
            + "field; the same Idempotency-Key and batch again answers the same (Idempotent-Replayed: true)")
    @PostMapping("/partners/{partnerId}/trip-batches")
    @Allowed(Role.PARTNER)
    ResponseEntity<Answer> report(Caller caller, @PathVariable String partnerId,
            @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody TripBatch body) {
        caller.requirePartner(partnerId);
        if (!Require.isIdentifier(idempotencyKey)) {
            throw new ContractViolation(IDEMPOTENCY_KEY, "must be 1 to 64 letters, digits and . _ : -, starting with a letter or digit");
        }
        List<JsonNode> trips = Require.present(body.trips(), "trips");
        if (trips.isEmpty() || trips.size() > TripImport.MAX_TRIPS) {
            throw new ContractViolation("trips", "must hold 1 to " + TripImport.MAX_TRIPS + " trips, held " + trips.size());
        }
        Outcome outcome = imports.take(partners.get(partnerId), idempotencyKey, trips);
        return ResponseEntity.ok().header("Idempotent-Replayed", String.valueOf(outcome.replayed())).body(outcome.answer());
    }
}
