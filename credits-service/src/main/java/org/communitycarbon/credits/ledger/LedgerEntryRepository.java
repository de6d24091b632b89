package org.communitycarbon.credits.ledger;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface LedgerEntryRepository extends Repository<LedgerEntry, UUID> {

    Page<LedgerEntry> findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(String communityId, String householdId,
            Pageable page);
}
