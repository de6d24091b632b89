package org.communitycarbon.ops.sorting;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** A community's sorting accuracy by month, for the people who oversee it: aggregates, no household. */
@RestController
@RequestMapping("/api/ops/communities/{communityId}/sorting")
class SortingController {

    static final int MAX_MONTHS = 24;

    private final SortingAccuracy accuracy;
    private final SortingSettings settings;
    private final Clock clock;

    SortingController(SortingAccuracy accuracy, SortingSettings settings, Clock clock) {
        this.accuracy = accuracy;
        this.settings = settings;
        this.clock = clock;
    }

    /** The months asked for and their sum. */
    record AccuracyReport(String communityId, YearMonth from, YearMonth to, String formula, List<SortingAccuracy.Month> months,
            SortingAccuracy.Month total) {
    }

    @GetMapping("/accuracy")
    @Operation(summary = "Sorting accuracy by calendar month: deposits, deposits whose bin recognised a kind, those recognised "
            + "as the bin's own kind, wrongly sorted drops, anonymous deposits, and accuracy = matched / recognised (4 decimals; "
            + "null without a recognised deposit), and the bins' own judgement: correctlySorted and judgedAccuracy = "
            + "correctlySorted / deposits; with the period's total (property manager, staff, residents' committee "
            + "and street office of the community; admins)")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    AccuracyReport accuracy(Caller caller, @PathVariable String communityId,
            @Parameter(description = "the first month (yyyy-MM); 11 months before `to` by default")
            @RequestParam(required = false) @Nullable YearMonth from,
            @Parameter(description = "the last month, inclusive (yyyy-MM); the current month by default; at most 24 months in all")
            @RequestParam(required = false) @Nullable YearMonth to) {
        if (!caller.oversees(communityId) && !caller.holds(Role.RESIDENTS_COMMITTEE, communityId, null)) {
            throw new AccessDeniedException("Community " + communityId + " is outside your scope");
        }
        YearMonth last = to == null ? YearMonth.now(clock.withZone(settings.timeZone())) : to;
        YearMonth first = from == null ? last.minusMonths(11) : from;
        if (last.getYear() < 2000 || last.getYear() > 2999) {
            throw new ContractViolation("to", "must be a month between 2000 and 2999, was " + last);
        }
        if (first.isAfter(last) || first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
            throw new ContractViolation("from", "must be to or an earlier month, at most " + MAX_MONTHS + " months in all");
        }
        List<SortingAccuracy.Month> months = accuracy.monthly(communityId, first, last);
        return new AccuracyReport(communityId, first, last,
                "accuracy = matched / recognised; judgedAccuracy = correctlySorted / deposits", months,
                SortingAccuracy.total(last, months));
    }
}
