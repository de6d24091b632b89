package org.communitycarbon.credits.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

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
    private final JdbcClient jdbc;

    LedgerController(CreditAccountRepository accounts, LedgerEntryRepository entries, JdbcClient jdbc) {
        this.accounts = accounts;
        this.entries = entries;
        this.jdbc = jdbc;
    }

    /** The calling resident's ledger, newest first, of some kinds and within a period when asked. */
    @GetMapping("/me/ledger")
    @Operation(summary = "The caller's household's ledger, newest first, with filters",
            description = "Residents only. kind: one or more entry kinds (REDUCTION_AWARD, RECYCLING_SETTLEMENT, REDEMPTION, "
                    + "REDEMPTION_REVERSAL, MERCHANT_DEBIT, MERCHANT_DEBIT_REVERSAL); from (inclusive) and to (exclusive) bound when the entry was recorded.")
    @Allowed(Role.RESIDENT)
    PageView<AccountView.EntryView> myLedger(Caller caller,
            @RequestParam(required = false) @Size(max = 6) @Nullable List<EntryKind> kind,
            @Parameter(example = "2026-12-01T00:00:00+08:00") @RequestParam(required = false) @Nullable Instant from,
            @Parameter(example = "2027-01-01T00:00:00+08:00") @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller.ResidentScope me = caller.requireResident();
        String[] kinds = kind == null || kind.isEmpty() ? null : kind.stream().map(Enum::name).distinct().toArray(String[]::new);
        Timestamp after = from == null ? null : Timestamp.from(from);
        Timestamp before = to == null ? null : Timestamp.from(to);
        String where = """
                 FROM ledger_entry WHERE community_id = ? AND household_id = ? AND (CAST(? AS text[]) IS NULL OR kind = ANY(CAST(? AS text[])))
                   AND (CAST(? AS timestamptz) IS NULL OR recorded_at >= CAST(? AS timestamptz))
                   AND (CAST(? AS timestamptz) IS NULL OR recorded_at < CAST(? AS timestamptz))""";
        Object[] params = {me.communityId(), me.householdId(), kinds, kinds, after, after, before, before};
        long total = jdbc.sql("SELECT count(*) " + where).params(params).query(Long.class).single();
        List<AccountView.EntryView> items = jdbc.sql("""
                SELECT id, amount, balance_after, kind, reason, source_event_id, occurred_at, recorded_at""" + " " + where
                        + " ORDER BY recorded_at DESC, id DESC LIMIT " + size + " OFFSET " + (long) page * size)
                .params(params)
                .query((rs, row) -> new AccountView.EntryView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                        EntryKind.valueOf(rs.getString(4)), rs.getString(5), rs.getObject(6, UUID.class),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .list();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
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

    // one statement: outside a transaction it costs no BEGIN (the dashboard's overview asks for it on every load)
    @GetMapping("/communities/{communityId}/summary")
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    CommunityCreditSummary summary(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return accounts.summarize(communityId).orElse(new CommunityCreditSummary(communityId, 0, 0, 0, 0));
    }

    private AccountView account(String communityId, String householdId) {
        List<AccountView.EntryView> recent = entries.findByCommunityIdAndHouseholdIdOrderByRecordedAtDescIdDesc(
                communityId, householdId, Limit.of(RECENT)).stream().map(AccountView.EntryView::of).toList();
        return accounts.findById(new CreditAccount.HouseholdKey(communityId, householdId))
                .map(a -> new AccountView(communityId, householdId, a.balance(), a.earnedTotal(), recent))
                .orElse(new AccountView(communityId, householdId, 0, 0, List.of()));
    }
}
