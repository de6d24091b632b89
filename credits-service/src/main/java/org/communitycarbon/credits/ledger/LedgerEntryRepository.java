package org.communitycarbon.credits.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface LedgerEntryRepository extends Repository<LedgerEntry, UUID> {

    Page<LedgerEntry> findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(String communityId, String householdId,
            Pageable page);

    /** The newest entries, without the count query a page needs. */
    List<LedgerEntry> findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(String communityId, String householdId,
            Limit limit);
}
