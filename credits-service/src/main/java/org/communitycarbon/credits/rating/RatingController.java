package org.communitycarbon.credits.rating;

import java.sql.Date;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

import org.communitycarbon.credits.earning.EarningRuleBook;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;

/** The monthly low-carbon household rating: the resident's own, and the count of each grade per community. */
@RestController
@RequestMapping("/api/credits")
@Transactional(readOnly = true)
class RatingController {

    private static final String MONTH = "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])";

    private final JdbcClient jdbc;
    private final RatingRule rule;
    private final EarningRuleBook rules;

    RatingController(JdbcClient jdbc, RatingRule rule, EarningRuleBook rules) {
        this.jdbc = jdbc;
        this.rule = rule;
        this.rules = rules;
    }

    /** A household's month: what it earned and took part in, and the grade it makes. */
    record Rating(String communityId, YearMonth month, RatingRule.Grade grade, long credits, int activeDays, int behaviours) {
    }

    /** How many households of the community made each grade in the month; households with an account and nothing are NOT_RATED. */
    record CommunityRatings(String communityId, YearMonth month, long households, Map<RatingRule.Grade, Long> grades) {
    }

    @GetMapping("/me/rating")
    @Operation(summary = "The caller's household's low-carbon rating of a month (this month when absent)",
            description = "Residents only. The grade from the credits credited, the active days and the behaviours of the "
                    + "month in the community's time zone (docs/credits.md#low-carbon-household-rating).")
    @Allowed(Role.RESIDENT)
    Rating mine(Caller caller, @Parameter(example = "2026-12") @RequestParam(required = false) @Pattern(regexp = MONTH) @Nullable String month) {
        Caller.ResidentScope me = caller.requireResident();
        YearMonth period = month == null ? YearMonth.now(rules.zoneNow(me.communityId())) : YearMonth.parse(month);
        return jdbc.sql("""
                SELECT coalesce(sum(credits), 0), count(DISTINCT local_day) FILTER (WHERE outcome <> 'FLAGGED'),
                       count(DISTINCT behaviour) FILTER (WHERE outcome <> 'FLAGGED')
                FROM earning_event WHERE community_id = ? AND household_id = ? AND local_day BETWEEN ? AND ?""")
                .params(me.communityId(), me.householdId(), first(period), last(period))
                .query((rs, row) -> rating(me.communityId(), period, rs.getLong(1), rs.getInt(2), rs.getInt(3))).single();
    }

    @GetMapping("/communities/{communityId}/ratings/{month}")
    @Operation(summary = "How many of the community's households made each grade in a month",
            description = "The community's property team and street office, admins.")
    CommunityRatings community(Caller caller, @PathVariable String communityId,
            @Parameter(example = "2026-12") @PathVariable @Pattern(regexp = MONTH) String month) {
        caller.requireOversight(communityId);
        YearMonth period = YearMonth.parse(month);
        Map<RatingRule.Grade, Long> grades = new EnumMap<>(RatingRule.Grade.class);
        for (RatingRule.Grade grade : RatingRule.Grade.values()) {
            grades.put(grade, 0L);
        }
        long[] rated = {0};
        jdbc.sql("""
                SELECT household_id, coalesce(sum(credits), 0), count(DISTINCT local_day) FILTER (WHERE outcome <> 'FLAGGED'),
                       count(DISTINCT behaviour) FILTER (WHERE outcome <> 'FLAGGED')
                FROM earning_event WHERE community_id = ? AND local_day BETWEEN ? AND ? GROUP BY household_id""")
                .params(communityId, first(period), last(period))
                .query(rs -> {
                    grades.merge(rule.grade(rs.getLong(2), rs.getInt(3), rs.getInt(4)), 1L, Long::sum);
                    rated[0]++;
                });
        long households = Math.max(rated[0], jdbc.sql("SELECT count(*) FROM credit_account WHERE community_id = ? AND household_id NOT LIKE '~%'")
                .param(communityId).query(Long.class).single());
        grades.merge(RatingRule.Grade.NOT_RATED, households - rated[0], Long::sum);
        return new CommunityRatings(communityId, period, households, grades);
    }

    private Rating rating(String communityId, YearMonth month, long credits, int days, int behaviours) {
        return new Rating(communityId, month, rule.grade(credits, days, behaviours), credits, days, behaviours);
    }

    private static Date first(YearMonth month) {
        return Date.valueOf(month.atDay(1));
    }

    private static Date last(YearMonth month) {
        return Date.valueOf(month.atEndOfMonth());
    }
}
