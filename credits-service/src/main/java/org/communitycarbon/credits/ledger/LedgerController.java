package org.communitycarbon.credits.ledger;

import java.util.List;

import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Balances and ledgers. A resident sees their own household ({@code /me}); the property manager and
 * staff see their community's households; a street office sees the community summaries it oversees.
 */
@RestController
@RequestMapping("/api/credits")
@Transactional(readOnly = true)
class LedgerController {

    private static final int RECENT = 20;

    private final CreditAccountRepository accounts;
    private final LedgerEntryRepository entries;

    LedgerController(CreditAccountRepository accounts, LedgerEntryRepository entries) {
        this.accounts = accounts;
        this.entries = entries;
    }

    /** The calling resident's own account. */
    @GetMapping("/me")
    AccountView mine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return account(me.communityId(), me.householdId());
    }

    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}")
    AccountView household(Caller caller, @PathVariable String communityId, @PathVariable String householdId) {
        caller.requireHousehold(communityId, householdId);
        return account(communityId, householdId);
    }

    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}/ledger")
    PageView<AccountView.EntryView> ledger(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireHousehold(communityId, householdId);
        return PageView.of(entries.findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(communityId, householdId,
                PageRequest.of(page, size)).map(AccountView.EntryView::of));
    }

    @GetMapping("/communities/{communityId}/summary")
    CommunityCreditSummary summary(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return accounts.summarize(communityId).orElse(new CommunityCreditSummary(communityId, 0, 0, 0));
    }

    private AccountView account(String communityId, String householdId) {
        List<AccountView.EntryView> recent = entries.findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(
                communityId, householdId, Limit.of(RECENT)).stream().map(AccountView.EntryView::of).toList();
        return accounts.findById(new CreditAccount.HouseholdKey(communityId, householdId))
                .map(a -> new AccountView(communityId, householdId, a.balance(), a.earnedTotal(), recent))
                .orElse(new AccountView(communityId, householdId, 0, 0, List.of()));
    }
}
