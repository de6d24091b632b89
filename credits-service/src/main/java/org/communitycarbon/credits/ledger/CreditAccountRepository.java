package org.communitycarbon.credits.ledger;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CreditAccountRepository extends Repository<CreditAccount, CreditAccount.HouseholdKey> {

    Optional<CreditAccount> findById(CreditAccount.HouseholdKey id);

    @Query("""
            SELECT new org.communitycarbon.credits.ledger.CommunityCreditSummary(
                a.id.communityId, sum(case when a.id.householdId like '~%' then 0L else 1L end), coalesce(sum(a.earnedTotal), 0), coalesce(sum(a.earnedTotal), 0) - coalesce(sum(a.balance), 0),
                coalesce(sum(a.balance), 0))
            FROM CreditAccount a WHERE a.id.communityId = :communityId GROUP BY a.id.communityId""")
    Optional<CommunityCreditSummary> summarize(String communityId);
}
