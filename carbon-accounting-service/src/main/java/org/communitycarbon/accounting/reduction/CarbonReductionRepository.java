package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CarbonReductionRepository extends Repository<CarbonReduction, UUID> {

    Page<CarbonReduction> findByCommunityIdAndHouseholdIdOrderByOccurredAtDescIdDesc(String communityId, String householdId,
            Pageable page);

    @Query("SELECT coalesce(sum(r.reductionKgCo2e), 0) FROM CarbonReduction r WHERE r.communityId = :communityId AND r.householdId = :householdId")
    BigDecimal totalOf(String communityId, String householdId);
}
