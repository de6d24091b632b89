package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A household's reductions, newest first, with their total. */
@RestController
@RequestMapping("/api/accounting")
@Transactional(readOnly = true)
class ReductionController {

    private final CarbonReductionRepository reductions;
    private final FactorCatalog factors;

    ReductionController(CarbonReductionRepository reductions, FactorCatalog factors) {
        this.reductions = reductions;
        this.factors = factors;
    }

    @GetMapping("/me/reductions")
    HouseholdReductions mine(Caller caller, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller.ResidentScope me = caller.requireResident();
        return of(me.communityId(), me.householdId(), page, size);
    }

    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}/reductions")
    HouseholdReductions household(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireHousehold(communityId, householdId);
        return of(communityId, householdId, page, size);
    }

    private HouseholdReductions of(String communityId, String householdId, int page, int size) {
        BigDecimal total = reductions.totalOf(communityId, householdId);
        return new HouseholdReductions(communityId, householdId, Quantity.of(total, Unit.KG_CO2E), PageView.of(
                reductions.findByCommunityIdAndHouseholdIdOrderByOccurredAtDescIdDesc(communityId, householdId,
                        PageRequest.of(page, size)).map(r -> ReductionView.of(r, factors.byId(r.factorId()).orElseThrow()))));
    }

    /** A household's reductions and their total since the first. */
    record HouseholdReductions(String communityId, String householdId, Quantity total, PageView<ReductionView> reductions) {
    }

    /**
     * One reduction: {@code activity} × {@code factor} = {@code reduction}, by version {@code methodologyVersion} of
     * {@code methodology}, with the published factor {@code factorId}.
     */
    record ReductionView(UUID id, String behaviour, Quantity activity, BigDecimal factor, Quantity reduction,
            String methodology, int methodologyVersion, long factorId, UUID sourceEventId, Instant occurredAt) {

        static ReductionView of(CarbonReduction r, Factor factor) {
            return new ReductionView(r.id(), r.behaviour(), Quantity.of(r.activityValue(), Unit.valueOf(r.activityUnit())),
                    r.factor(), Quantity.of(r.reductionKgCo2e(), Unit.KG_CO2E), factor.methodologyId(), factor.version(),
                    factor.id(), r.sourceEventId(), r.occurredAt());
        }
    }
}
