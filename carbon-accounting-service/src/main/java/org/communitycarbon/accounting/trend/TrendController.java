package org.communitycarbon.accounting.trend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.accounting.trend.TrendViews.CommunityTrends;
import org.communitycarbon.accounting.trend.TrendViews.Granularity;
import org.communitycarbon.accounting.trend.TrendViews.PeriodFigures;
import org.communitycarbon.accounting.trend.TrendViews.Today;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * A community's trends per local day or month, and its day so far, for those who oversee it: its property
 * manager and staff, its street office, admins. Aggregates only: no household is named.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}")
class TrendController {

    static final int MAX_DAYS = 400;
    static final int MAX_MONTHS = 37;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    private final TrendQueries queries;
    private final FactorCatalog catalog;
    private final Clock clock;

    TrendController(TrendQueries queries, FactorCatalog catalog, Clock clock) {
        this.queries = queries;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Operation(summary = "The community's consumption and emissions by meter type (households, common areas), reductions by "
            + "behaviour and participating households per local DAY or MONTH of [from, to], each figure with its factor versions "
            + "(property team, street office, admins); by default the last 30 days or 12 months; at most 400 days or 37 months")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/trends")
    CommunityTrends trends(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to, @RequestParam(defaultValue = "DAY") Granularity granularity) {
        Require.identifier(communityId, "communityId");
        ZoneId zone = catalog.zoneOf(communityId);
        LocalDate end = to == null ? LocalCalendar.dayOf(clock.instant(), zone) : to;
        LocalDate start = from == null
                ? (granularity == Granularity.DAY ? end.minusDays(29) : YearMonth.from(end).minusMonths(11).atDay(1))
                : from;
        check(start, "from");
        check(end, "to");
        if (start.isAfter(end)) {
            throw new ContractViolation("from", "must not be after to " + end + ", was " + start);
        }
        if (granularity == Granularity.DAY && ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new ContractViolation("from", "at most " + MAX_DAYS + " days by DAY; choose MONTH for longer ranges");
        }
        if (granularity == Granularity.MONTH && ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(end)) + 1 > MAX_MONTHS) {
            throw new ContractViolation("from", "at most " + MAX_MONTHS + " months by MONTH");
        }
        List<PeriodFigures> periods = queries.figures(communityId, start, end, granularity);
        TreeSet<String> versions = new TreeSet<>();
        periods.forEach(p -> versions.addAll(p.factorVersions()));
        return new CommunityTrends(communityId, zone.getId(), granularity, start, end, List.copyOf(versions), periods);
    }

    @Operation(summary = "The community's local day so far: consumption, emissions, reductions and participating households, "
            + "from the rollups in one SQL statement, for a dashboard refreshing once a minute (property team, street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/today")
    Today today(Caller caller, @PathVariable String communityId) {
        Require.identifier(communityId, "communityId");
        ZoneId zone = catalog.zoneOf(communityId);
        var now = clock.instant();
        LocalDate day = LocalCalendar.dayOf(now, zone);
        return new Today(communityId, zone.getId(), day, now, queries.figures(communityId, day, day, Granularity.DAY).get(0));
    }

    private static void check(LocalDate date, String field) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new ContractViolation(field, "must be between " + EARLIEST + " and " + LATEST + ", was " + date);
        }
    }
}
