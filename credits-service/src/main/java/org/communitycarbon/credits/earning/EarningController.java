package org.communitycarbon.credits.earning;

import java.net.URI;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Earning rules: published by the community's property manager (and admins) as versions with an effective date, read
 * by the community's people; the anomalies the rules flagged, for the property team; a resident's earnings against the
 * caps today and this month.
 */
@RestController
@RequestMapping("/api/credits")
class EarningController {

    private final EarningRuleBook ruleBook;
    private final JdbcClient jdbc;

    EarningController(EarningRuleBook ruleBook, JdbcClient jdbc) {
        this.ruleBook = ruleBook;
        this.jdbc = jdbc;
    }

    @GetMapping("/communities/{communityId}/earning-rules")
    @Operation(summary = "The versions of the community's earning rules, the latest effective date first",
            description = "The community's residents, property team and street office, admins. No version: every behaviour "
                    + "earns the default, 1 credit per gram of CO2e, without caps.")
    List<EarningRuleBook.Version> rules(Caller caller, @PathVariable String communityId) {
        caller.requireMembership(communityId);
        return ruleBook.versions(communityId);
    }

    @PostMapping("/communities/{communityId}/earning-rules")
    @Operation(summary = "Publish a new version of the community's earning rules",
            description = "The community's property manager and admins. The version applies to behaviours that occur from "
                    + "effectiveFrom (now when absent; never in the past) until a later version's; credits already awarded "
                    + "stay as they are.")
    @ApiResponse(responseCode = "201", description = "Published")
    @ApiResponse(responseCode = "409", description = "A version already takes effect at that instant")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<EarningRuleBook.Version> publish(Caller caller, @PathVariable String communityId,
            @Valid @RequestBody EarningRules rules) {
        EarningRuleBook.Version version = ruleBook.publish(communityId, rules, caller.subject().isEmpty() ? "unknown" : caller.subject());
        return ResponseEntity.created(URI.create("/api/credits/communities/" + communityId + "/earning-rules")).body(version);
    }

    /** A behaviour the rules flagged and did not credit. */
    record Anomaly(UUID eventId, String householdId, ReductionBehaviour behaviour, Instant occurredAt, String reason, Instant recordedAt) {
    }

    @GetMapping("/communities/{communityId}/earning-anomalies")
    @Operation(summary = "Behaviours flagged and not credited, newest first",
            description = "The community's property team and admins: implausible amounts and households faster than the "
                    + "velocity limit, to look into.")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    @Transactional(readOnly = true)
    PageView<Anomaly> anomalies(@PathVariable String communityId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        long total = jdbc.sql("SELECT count(*) FROM earning_event WHERE community_id = ? AND outcome = 'FLAGGED'")
                .param(communityId).query(Long.class).single();
        List<Anomaly> items = jdbc.sql("""
                SELECT event_id, household_id, behaviour, occurred_at, note, recorded_at FROM earning_event
                WHERE community_id = ? AND outcome = 'FLAGGED' ORDER BY recorded_at DESC, event_id LIMIT ? OFFSET ?""")
                .params(communityId, size, (long) page * size)
                .query((rs, row) -> new Anomaly(rs.getObject(1, UUID.class), rs.getString(2), ReductionBehaviour.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * A household's credits earned today and this month, in the community's time zone, against the caps in force.
     *
     * @param dailyCap the household's daily cap, null when none
     * @param earnedToday credits earned today under the earning rules: what the caps count
     * @param capReached whether today's or this month's cap is reached: further behaviours earn nothing until it resets
     * @param recyclingThisMonth credits paid this month for recycling pickups settled in credits, outside the rules and caps
     */
    record EarningStatus(String communityId, String timeZone, LocalDate day, long earnedToday, @Nullable Long dailyCap,
            YearMonth month, long earnedThisMonth, @Nullable Long monthlyCap, boolean capReached, long withheldThisMonth,
            long flaggedThisMonth, long recyclingThisMonth) {
    }

    @GetMapping("/me/earnings")
    @Operation(summary = "The caller's household's credits earned today and this month, against the caps",
            description = "Residents only. Days and months are the community's (Asia/Shanghai unless its rules say otherwise); "
                    + "credits for recycling pickups settled in credits are apart (recyclingThisMonth): no cap counts them.")
    @Allowed(Role.RESIDENT)
    @Transactional(readOnly = true)
    EarningStatus mine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        List<EarningRuleBook.Version> versions = new ArrayList<>(ruleBook.versions(me.communityId()));
        Collections.reverse(versions);
        EarningRules rules = EarningRuleBook.inForce(versions, Instant.now());
        ZoneId zone = ruleBook.zone(rules);
        LocalDate today = LocalDate.now(zone);
        YearMonth month = YearMonth.from(today);
        long[] sums = jdbc.sql("""
                SELECT coalesce(sum(credits) FILTER (WHERE local_day = ? AND behaviour <> ?), 0),
                       coalesce(sum(credits) FILTER (WHERE behaviour <> ?), 0), coalesce(sum(withheld), 0),
                       count(*) FILTER (WHERE outcome = 'FLAGGED'), coalesce(sum(credits) FILTER (WHERE behaviour = ?), 0)
                FROM earning_event WHERE community_id = ? AND household_id = ? AND local_day BETWEEN ? AND ?""")
                .params(Date.valueOf(today), Earnings.PAID_OUTSIDE_RULES.name(), Earnings.PAID_OUTSIDE_RULES.name(),
                        Earnings.PAID_OUTSIDE_RULES.name(), me.communityId(), me.householdId(), Date.valueOf(month.atDay(1)),
                        Date.valueOf(month.atEndOfMonth()))
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}).single();
        Long daily = rules == null ? null : rules.householdDailyCap();
        Long monthly = rules == null ? null : rules.householdMonthlyCap();
        boolean reached = (daily != null && sums[0] >= daily) || (monthly != null && sums[1] >= monthly);
        return new EarningStatus(me.communityId(), zone.getId(), today, sums[0], daily, month, sums[1], monthly, reached, sums[2], sums[3],
                sums[4]);
    }
}
