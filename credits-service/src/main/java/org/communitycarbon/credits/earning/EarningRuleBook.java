package org.communitycarbon.credits.earning;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The versions of each community's earning rules, and which one applies to a behaviour that occurred when. */
@Service
public class EarningRuleBook {

    /** A rule change may take effect at most this long before it is published: the clocks of two machines differ. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
    private static final String PAID_BY_SETTLEMENT = "RECYCLED_GOODS is paid by the recycling pickup's settlement at the "
            + "community's credits per kg (its price list), not by earning rules";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EarningSettings settings;

    EarningRuleBook(JdbcClient jdbc, JsonMapper json, EarningSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
    }

    /** One version of a community's rules: in force from {@code effectiveFrom} until the next version's. */
    record Version(Instant effectiveFrom, EarningRules rules, String publishedBy, Instant publishedAt) {
    }

    /** Publishes a new version; it applies to behaviours from its effective date on, never before. */
    @Transactional
    Version publish(String communityId, EarningRules rules, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant from = rules.effectiveFrom() == null ? now : rules.effectiveFrom().truncatedTo(ChronoUnit.MICROS);
        if (from.isBefore(now.minus(SKEW)) || !from.isBefore(LATEST)) {
            throw new ContractViolation("effectiveFrom", "must not be in the past: a rule change never reprices behaviours that already happened");
        }
        check(rules);
        EarningRules stored = new EarningRules(from, rules.timeZone(), rules.householdDailyCap(), rules.householdMonthlyCap(),
                rules.householdEventsPerHour(), rules.behaviours(), rules.campaigns());
        try {
            jdbc.sql("""
                    INSERT INTO earning_rules (community_id, effective_from, document, published_by, published_at)
                    VALUES (?, ?, CAST(? AS jsonb), ?, ?)""")
                    .params(communityId, Timestamp.from(from), json.writeValueAsString(stored), by, Timestamp.from(now)).update();
        }
        catch (DuplicateKeyException sameInstant) {
            throw new org.communitycarbon.support.web.ConflictException("A version of the rules already takes effect at " + from);
        }
        return new Version(from, stored, by, now);
    }

    /** Every version of the community's rules, the latest effective date first. */
    @Transactional(readOnly = true)
    List<Version> versions(String communityId) {
        return jdbc.sql("""
                SELECT effective_from, document::text, published_by, published_at FROM earning_rules
                WHERE community_id = ? ORDER BY effective_from DESC LIMIT 100""")
                .param(communityId)
                .query((rs, row) -> new Version(rs.getTimestamp(1).toInstant(), json.readValue(rs.getString(2), EarningRules.class),
                        rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** The versions of several communities, for a batch of reductions; oldest first. */
    Map<String, List<Version>> versions(Collection<String> communityIds) {
        Map<String, List<Version>> byCommunity = new HashMap<>();
        jdbc.sql("""
                SELECT community_id, effective_from, document::text, published_by, published_at FROM earning_rules
                WHERE community_id = ANY(?) ORDER BY community_id, effective_from""")
                .param(new HashSet<>(communityIds).toArray(String[]::new))
                .query(rs -> {
                    byCommunity.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(new Version(rs.getTimestamp(2).toInstant(),
                            json.readValue(rs.getString(3), EarningRules.class), rs.getString(4), rs.getTimestamp(5).toInstant()));
                });
        return byCommunity;
    }

    /** The version in force at {@code when} among a community's versions (oldest first); null: the defaults. */
    static @Nullable EarningRules inForce(List<Version> versions, Instant when) {
        EarningRules found = null;
        for (Version version : versions) {
            if (version.effectiveFrom().isAfter(when)) {
                break;
            }
            found = version.rules();
        }
        return found;
    }

    /** The community's time zone under these rules. */
    ZoneId zone(@Nullable EarningRules rules) {
        return rules == null || rules.timeZone() == null ? settings.defaultTimeZone() : ZoneId.of(rules.timeZone());
    }

    /** The time zone in force now for a community: where its days and months are counted. */
    @Transactional(readOnly = true)
    public ZoneId zoneNow(String communityId) {
        List<Version> versions = new ArrayList<>(versions(communityId));
        java.util.Collections.reverse(versions);
        return zone(inForce(versions, Instant.now()));
    }

    private static void check(EarningRules rules) {
        if (rules.timeZone() != null) {
            try {
                ZoneId.of(rules.timeZone());
            }
            catch (DateTimeException unknown) {
                throw new ContractViolation("timeZone", "must be a time zone id such as Asia/Shanghai");
            }
        }
        Set<ReductionBehaviour> seen = new HashSet<>();
        for (int i = 0; i < rules.behaviourRules().size(); i++) {
            EarningRules.BehaviourRule rule = rules.behaviourRules().get(i);
            if (rule.behaviour() == Earnings.PAID_OUTSIDE_RULES) {
                throw new ContractViolation("behaviours[" + i + "].behaviour", PAID_BY_SETTLEMENT);
            }
            if (!seen.add(rule.behaviour())) {
                throw new ContractViolation("behaviours", "name each behaviour once; " + rule.behaviour() + " is there twice");
            }
        }
        for (int i = 0; i < rules.campaignList().size(); i++) {
            EarningRules.Campaign campaign = rules.campaignList().get(i);
            if (campaign.behaviour() == Earnings.PAID_OUTSIDE_RULES) {
                throw new ContractViolation("campaigns[" + i + "].behaviour", PAID_BY_SETTLEMENT);
            }
            if (!campaign.endsAt().isAfter(campaign.startsAt()) || !campaign.endsAt().isBefore(LATEST)) {
                throw new ContractViolation("campaigns", "a campaign ends after it starts, before 9999: " + campaign.name());
            }
        }
    }
}
