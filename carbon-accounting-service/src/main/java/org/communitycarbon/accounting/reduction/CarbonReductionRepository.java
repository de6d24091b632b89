package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CarbonReductionRepository extends Repository<CarbonReduction, UUID> {

    Page<CarbonReduction> findByCommunityIdAndHouseholdIdOrderByOccurredAtDescIdDesc(String communityId, String householdId,
            Pageable page);

    /** The household's reductions that name no person or name this one: what a member sees of the household's items. */
    @Query(value = """
            SELECT r FROM CarbonReduction r WHERE r.communityId = :communityId AND r.householdId = :householdId
              AND (r.personRef IS NULL OR r.personRef = :personRef) ORDER BY r.occurredAt DESC, r.id DESC""",
            countQuery = """
            SELECT count(r) FROM CarbonReduction r WHERE r.communityId = :communityId AND r.householdId = :householdId
              AND (r.personRef IS NULL OR r.personRef = :personRef)""")
    Page<CarbonReduction> findOwnAndHouseholds(String communityId, String householdId, UUID personRef, Pageable page);

    @Query("SELECT coalesce(sum(r.reductionKgCo2e), 0) FROM CarbonReduction r WHERE r.communityId = :communityId AND r.householdId = :householdId")
    BigDecimal totalOf(String communityId, String householdId);

    /** The household's reductions summed per person (null: naming no person) and behaviour: {@code [personRef, behaviour, kg CO2e]}. */
    @Query("""
            SELECT r.personRef, r.behaviour, sum(r.reductionKgCo2e) FROM CarbonReduction r
            WHERE r.communityId = :communityId AND r.householdId = :householdId GROUP BY r.personRef, r.behaviour""")
    List<Object[]> totalsByPerson(String communityId, String householdId);
}
