package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A household's reductions, newest first, with their total and who they belong to: behaviour reductions that name a person
 * are that member's, the others (bin drops, pickups that name no booker, saved electricity) the household's, and the household's total is the
 * sum of its members' and its own (docs/accounting.md#who-a-reduction-belongs-to-person-household-community). A resident
 * sees their own items and the household's, and each other member's totals without their items; the property team sees
 * every item, the members unnamed.
 */
@RestController
@RequestMapping("/api/accounting")
@Transactional(readOnly = true)
class ReductionController {

    /** A pseudonym no resident has: a resident without reductions of their own matches none. */
    private static final UUID NOBODY = new UUID(0, 0);

    private final CarbonReductionRepository reductions;
    private final FactorCatalog factors;
    private final Persons persons;

    ReductionController(CarbonReductionRepository reductions, FactorCatalog factors, Persons persons) {
        this.reductions = reductions;
        this.factors = factors;
        this.persons = persons;
    }

    @Operation(summary = "The caller's household's reductions: the caller's own and the household's items, newest first, each "
            + "member's totals (the caller's marked, the others unnamed and without their items) and the household's total (a resident)")
    @GetMapping("/me/reductions")
    HouseholdReductions mine(Caller caller, @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller.ResidentScope me = caller.requireResident();
        UUID self = persons.find(caller.subject()).orElse(NOBODY);
        Page<CarbonReduction> items = reductions.findOwnAndHouseholds(me.communityId(), me.householdId(), self, PageRequest.of(page, size));
        return of(me.communityId(), me.householdId(), self, items);
    }

    @Operation(summary = "A household's reductions, newest first, with each member's totals (unnamed) and the household's total "
            + "(its resident, the community's property team, admins)")
    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}/reductions")
    HouseholdReductions household(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireHousehold(communityId, householdId);
        boolean team = caller.has(Role.ADMIN)
                || ((caller.has(Role.PROPERTY_MANAGER) || caller.has(Role.STAFF)) && communityId.equals(caller.communityId()));
        if (!team) {
            // a resident of the household: as /me/reductions shows it
            UUID self = persons.find(caller.subject()).orElse(NOBODY);
            return of(communityId, householdId, self,
                    reductions.findOwnAndHouseholds(communityId, householdId, self, PageRequest.of(page, size)));
        }
        return of(communityId, householdId, null, reductions.findByCommunityIdAndHouseholdIdOrderByOccurredAtDescIdDesc(communityId,
                householdId, PageRequest.of(page, size)));
    }

    private HouseholdReductions of(String communityId, String householdId, @Nullable UUID self, Page<CarbonReduction> items) {
        Map<UUID, Map<String, BigDecimal>> byPerson = new TreeMap<>();
        Map<String, BigDecimal> unattributed = new TreeMap<>();
        for (Object[] row : reductions.totalsByPerson(communityId, householdId)) {
            Map<String, BigDecimal> into = row[0] == null ? unattributed : byPerson.computeIfAbsent((UUID) row[0], k -> new TreeMap<>());
            into.merge((String) row[1], (BigDecimal) row[2], BigDecimal::add);
        }
        List<MemberReductions> members = new ArrayList<>();
        BigDecimal total = sum(unattributed);
        int other = 0;
        for (Map.Entry<UUID, Map<String, BigDecimal>> person : byPerson.entrySet()) {
            boolean you = person.getKey().equals(self);
            members.add(new MemberReductions(you ? "you" : "member-" + ++other, you, kg(sum(person.getValue())),
                    behaviours(person.getValue())));
            total = total.add(sum(person.getValue()));
        }
        return new HouseholdReductions(communityId, householdId, kg(total), members,
                new Unattributed(kg(sum(unattributed)), behaviours(unattributed)),
                PageView.of(items.map(r -> ReductionView.of(r, factors.byId(r.factorId()).orElseThrow(), self))));
    }

    private static BigDecimal sum(Map<String, BigDecimal> byBehaviour) {
        return byBehaviour.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<BehaviourTotal> behaviours(Map<String, BigDecimal> byBehaviour) {
        return byBehaviour.entrySet().stream().map(e -> new BehaviourTotal(e.getKey(), kg(e.getValue()))).toList();
    }

    private static Quantity kg(BigDecimal value) {
        return Quantity.of(value, Unit.KG_CO2E);
    }

    /**
     * A household's reductions: {@code total} = the sum of {@code members}' totals + {@code unattributed}.
     *
     * @param members the household's members with reductions of their own, in a stable order: the caller's {@code you}, the
     *        others {@code member-1}, {@code member-2}…, never named
     * @param unattributed the reductions that name no person: bin drops, pickups that name no booker, saved electricity
     * @param reductions the items: a resident gets their own and the unattributed, never another member's
     */
    record HouseholdReductions(String communityId, String householdId, Quantity total, List<MemberReductions> members,
            Unattributed unattributed, PageView<ReductionView> reductions) {
    }

    /** One member's reductions, by behaviour. */
    record MemberReductions(String member, boolean you, Quantity total, List<BehaviourTotal> byBehaviour) {
    }

    /** The household's reductions that name no person, by behaviour. */
    record Unattributed(Quantity total, List<BehaviourTotal> byBehaviour) {
    }

    record BehaviourTotal(String behaviour, Quantity reduction) {
    }

    /**
     * One reduction: {@code activity} × {@code factor} = {@code reduction}, by version {@code methodologyVersion} of
     * {@code methodology}, with the published factor {@code factorId}.
     *
     * @param belongsTo {@code YOU} (the caller's behaviour), {@code MEMBER} (another member's: shown to the property team
     *        only) or {@code HOUSEHOLD} (names no person)
     */
    record ReductionView(UUID id, String behaviour, Quantity activity, BigDecimal factor, Quantity reduction,
            String methodology, int methodologyVersion, long factorId, UUID sourceEventId, Instant occurredAt, String belongsTo) {

        static ReductionView of(CarbonReduction r, Factor factor, @Nullable UUID self) {
            String belongsTo = r.personRef() == null ? "HOUSEHOLD" : r.personRef().equals(self) ? "YOU" : "MEMBER";
            return new ReductionView(r.id(), r.behaviour(), Quantity.of(r.activityValue(), Unit.valueOf(r.activityUnit())),
                    r.factor(), Quantity.of(r.reductionKgCo2e(), Unit.KG_CO2E), factor.methodologyId(), factor.version(),
                    factor.id(), r.sourceEventId(), r.occurredAt(), belongsTo);
        }
    }
}
