package org.communitycarbon.credits.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.credits.ledger.CreditPolicy;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides what each reduction earns under the rules in force when its behaviour occurred (docs/credits.md#earning-rules),
 * in the ledger's transaction, after the ledger locked the households' accounts — so two batches never count a
 * household's caps at the same time. Records every decision in {@code earning_event}: credited, capped (what a cap
 * withheld), or flagged (not credited: implausible, heavier than its bin holds, faster than the household's velocity
 * limit, or one drop too many at one bin within a minute).
 */
@Service
public class Earnings {

    /** Larger than any behaviour: an activity beyond it is not a number to compute with. */
    private static final BigDecimal MAX_ACTIVITY = new BigDecimal("1000000000");
    private static final Duration VELOCITY_WINDOW = Duration.ofHours(1);
    private static final Duration DEVICE_WINDOW = Duration.ofMinutes(1);

    private final EarningRuleBook ruleBook;
    private final CreditPolicy policy;
    private final JdbcTemplate jdbc;
    private final BinDeposits deposits;
    private final EarningSettings settings;
    private final Counter flagged;
    private final Counter withheld;

    Earnings(EarningRuleBook ruleBook, CreditPolicy policy, JdbcTemplate jdbc, BinDeposits deposits, EarningSettings settings,
            MeterRegistry meters) {
        this.ruleBook = ruleBook;
        this.policy = policy;
        this.jdbc = jdbc;
        this.deposits = deposits;
        this.settings = settings;
        this.flagged = Counter.builder("credits.earning.flagged").description("Reductions flagged and not credited").register(meters);
        this.withheld = Counter.builder("credits.earning.withheld").description("Credits caps withheld").baseUnit("credits")
                .register(meters);
    }

    /**
     * What a reduction earned.
     *
     * @param credits credits to award, 0 when flagged or fully capped (no ledger entry then)
     * @param note what the ledger entry's reason adds: participation, campaign, cap
     */
    public record Decision(CarbonReductionRecorded reduction, long credits, String note) {
    }

    /**
     * Credits paid outside the rules — a recycling pickup settled in credits — recorded as a credited behaviour for the
     * rating and the resident's view; never counted towards a cap or the velocity limit.
     */
    public record Payment(UUID eventId, String communityId, String householdId, ReductionBehaviour behaviour, Instant occurredAt,
            long credits, String note) {
    }

    /** The behaviour paid outside the rules: what caps and the velocity limit do not count. */
    static final ReductionBehaviour PAID_OUTSIDE_RULES = ReductionBehaviour.RECYCLED_GOODS;

    /** Records payments as credited behaviours on their local day in the community's time zone; in the caller's transaction. */
    public void recordPayments(List<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        Map<String, List<EarningRuleBook.Version>> versions = ruleBook.versions(payments.stream().map(Payment::communityId).toList());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>();
        for (Payment p : payments) {
            ZoneId zone = ruleBook.zone(EarningRuleBook.inForce(versions.getOrDefault(p.communityId(), List.of()), p.occurredAt()));
            rows.add(new Object[] {p.eventId(), p.communityId(), p.householdId(), p.behaviour().name(), Timestamp.from(p.occurredAt()),
                    Date.valueOf(p.occurredAt().atZone(zone).toLocalDate()), Outcome.CREDITED.name(), p.credits(), 0L, p.note(),
                    Timestamp.from(now)});
        }
        jdbc.batchUpdate("""
                INSERT INTO earning_event (event_id, community_id, household_id, behaviour, occurred_at, local_day, outcome, credits,
                                           withheld, note, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", rows);
    }

    enum Outcome {
        CREDITED, CAPPED, FLAGGED
    }

    /** Decides every reduction (each once: the caller claimed them) and records the decisions; in the caller's transaction. */
    public List<Decision> decide(List<CarbonReductionRecorded> reductions) {
        Map<String, List<EarningRuleBook.Version>> versions = ruleBook.versions(
                reductions.stream().map(CarbonReductionRecorded::communityId).toList());
        Map<UUID, BinDeposits.Deposit> bins = deposits.byEventId(reductions.stream().filter(r -> r.behaviour() == BinDeposits.FROM_BINS)
                .map(CarbonReductionRecorded::sourceEventId).toList());
        List<Pending> pending = new ArrayList<>();
        for (CarbonReductionRecorded reduction : reductions) {
            EarningRules rules = EarningRuleBook.inForce(versions.getOrDefault(reduction.communityId(), List.of()), reduction.occurredAt());
            ZoneId zone = ruleBook.zone(rules);
            pending.add(new Pending(reduction, rules, reduction.occurredAt().atZone(zone).toLocalDate(),
                    reduction.behaviour() == BinDeposits.FROM_BINS ? bins.get(reduction.sourceEventId()) : null));
        }
        // in the order the behaviours occurred (so each household's, and each bin's, in its own order)
        pending.sort(Comparator.comparing((Pending p) -> p.reduction().occurredAt()).thenComparing(p -> p.reduction().communityId())
                .thenComparing(p -> p.reduction().householdId()));
        Map<String, Long> tallies = pending.stream().anyMatch(Pending::capped) ? tallies(pending) : new HashMap<>();
        Map<String, List<Instant>> recent = pending.stream().anyMatch(p -> p.rules() != null && p.rules().householdEventsPerHour() != null)
                ? recent(pending) : new HashMap<>();
        Map<String, List<Instant>> recentAtBins = recentAtBins(pending);
        List<Decision> decisions = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Pending p : pending) {
            Judged judged = judge(p, tallies, recent, recentAtBins);
            decisions.add(new Decision(p.reduction(), judged.credits(), judged.note()));
            CarbonReductionRecorded r = p.reduction();
            rows.add(new Object[] {r.eventId(), r.communityId(), r.householdId(), r.behaviour().name(), Timestamp.from(r.occurredAt()),
                    Date.valueOf(p.localDay()), judged.outcome().name(), judged.credits(), judged.withheld(), judged.note(), Timestamp.from(now),
                    p.bin() == null ? null : p.bin().deviceId()});
            if (judged.outcome() == Outcome.FLAGGED) {
                flagged.increment();
            }
            withheld.increment(judged.withheld());
        }
        jdbc.batchUpdate("""
                INSERT INTO earning_event (event_id, community_id, household_id, behaviour, occurred_at, local_day, outcome, credits,
                                           withheld, note, recorded_at, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", rows);
        return decisions;
    }

    private Judged judge(Pending p, Map<String, Long> tallies, Map<String, List<Instant>> recent,
            Map<String, List<Instant>> recentAtBins) {
        CarbonReductionRecorded r = p.reduction();
        EarningRules rules = p.rules();
        EarningRules.BehaviourRule rule = p.rule();
        BigDecimal activity = r.activity().value();
        if (rule != null && rule.basis() == EarningRules.Basis.ACTIVITY
                && (activity.signum() < 0 || activity.compareTo(MAX_ACTIVITY) > 0 || activity.scale() > 6)) {
            return Judged.flagged("implausible: the activity is not a quantity one behaviour can be");
        }
        if (rule != null && rule.maxActivity() != null && activity.compareTo(rule.maxActivity()) > 0) {
            return Judged.flagged("implausible: " + (activity.compareTo(MAX_ACTIVITY) > 0 ? "more than " + MAX_ACTIVITY : activity.toPlainString())
                    + " " + r.activity().unit() + " in one " + r.behaviour() + ", the most is " + rule.maxActivity().toPlainString());
        }
        BinDeposits.Deposit bin = p.bin();
        if (bin != null) {
            // the bin's own capacity from the registry, else what a bin of its kind holds
            BigDecimal registered = bin.capacityKg();
            BigDecimal capacity = registered != null ? registered : settings.capacityKg(bin.wasteKind());
            if (bin.weightKg().compareTo(capacity) > 0) {
                return Judged.flagged("capacity: " + bin.weightKg().toPlainString() + " kg in one drop at bin " + bin.deviceId() + " ("
                        + bin.wasteKind().englishName() + "), which holds " + capacity.stripTrailingZeros().toPlainString() + " kg"
                        + (registered != null ? " as registered" : ""));
            }
        }
        String household = r.communityId() + "|" + r.householdId();
        List<Instant> times = recent.computeIfAbsent(household, h -> new ArrayList<>());
        if (rules != null && rules.householdEventsPerHour() != null) {
            Instant since = r.occurredAt().minus(VELOCITY_WINDOW);
            long within = times.stream().filter(t -> t.isAfter(since) && !t.isAfter(r.occurredAt())).count();
            if (within >= rules.householdEventsPerHour()) {
                return Judged.flagged("velocity: more than " + rules.householdEventsPerHour() + " behaviours of the household within an hour");
            }
        }
        List<Instant> atBin = bin == null ? null : recentAtBins.computeIfAbsent(r.communityId() + "|" + bin.deviceId(), d -> new ArrayList<>());
        if (atBin != null) {
            if (tooManyWithinAMinute(atBin, r.occurredAt(), settings.deviceDropsPerMinute())) {
                return Judged.flagged("device velocity: more than " + settings.deviceDropsPerMinute() + " drops credited at bin "
                        + bin.deviceId() + " within a minute");
            }
        }
        // credits under the rule, with participation and the best campaign
        StringBuilder note = new StringBuilder();
        long credits;
        if (rule == null) {
            credits = policy.creditsFor(r.reduction());
        }
        else {
            BigDecimal quantity = rule.basis() == EarningRules.Basis.CO2E ? r.reduction().value() : activity;
            credits = quantity.multiply(rule.creditsPerUnit()).setScale(0, RoundingMode.HALF_UP).longValueExact() + rule.participation();
            if (rule.participation() > 0) {
                note.append("; +").append(rule.participation()).append(" for taking part");
            }
        }
        EarningRules.Campaign campaign = rules == null ? null : campaign(rules, r);
        if (campaign != null) {
            credits = BigDecimal.valueOf(credits).multiply(campaign.multiplier()).setScale(0, RoundingMode.HALF_UP).longValueExact();
            note.append("; x").append(campaign.multiplier().toPlainString()).append(" campaign ").append(campaign.name());
        }
        // caps, counted in the community's time zone
        long remaining = Long.MAX_VALUE;
        String bound = null;
        String day = p.localDay().toString();
        String month = YearMonth.from(p.localDay()).toString();
        String behaviour = r.behaviour().name();
        if (rules != null) {
            for (Cap cap : List.of(
                    new Cap("daily household cap", rules.householdDailyCap(), household + "|*|" + day),
                    new Cap("monthly household cap", rules.householdMonthlyCap(), household + "|*|" + month),
                    new Cap("daily cap of " + behaviour, rule == null ? null : rule.dailyCap(), household + "|" + behaviour + "|" + day),
                    new Cap("monthly cap of " + behaviour, rule == null ? null : rule.monthlyCap(), household + "|" + behaviour + "|" + month))) {
                if (cap.limit() != null) {
                    long left = Math.max(0, cap.limit() - tallies.getOrDefault(cap.key(), 0L));
                    if (left < remaining) {
                        remaining = left;
                        bound = cap.name() + " " + cap.limit();
                    }
                }
            }
        }
        long granted = Math.min(credits, remaining);
        for (String key : List.of(household + "|*|" + day, household + "|*|" + month, household + "|" + behaviour + "|" + day,
                household + "|" + behaviour + "|" + month)) {
            tallies.merge(key, granted, Long::sum);
        }
        times.add(r.occurredAt());
        if (atBin != null) {
            atBin.add(r.occurredAt());
        }
        if (granted < credits) {
            note.append("; ").append(credits - granted).append(" withheld: ").append(bound).append(" reached");
            return new Judged(Outcome.CAPPED, granted, credits - granted, note.toString());
        }
        return new Judged(Outcome.CREDITED, granted, 0, note.toString());
    }

    /**
     * Whether one more drop at {@code at} would put more than {@code limit} credited drops in some 60 seconds — before
     * or after it, as drops of several households reach the service in any order.
     */
    static boolean tooManyWithinAMinute(List<Instant> credited, Instant at, int limit) {
        List<Instant> near = new ArrayList<>();
        for (Instant t : credited) {
            if (t.isAfter(at.minus(DEVICE_WINDOW)) && t.isBefore(at.plus(DEVICE_WINDOW))) {
                near.add(t);
            }
        }
        near.add(at);
        near.sort(Comparator.naturalOrder());
        // every window of 60 s that holds the new drop starts at a drop at or before it
        for (Instant start : near) {
            if (start.isAfter(at)) {
                break;
            }
            Instant end = start.plus(DEVICE_WINDOW);
            long within = near.stream().filter(t -> !t.isBefore(start) && t.isBefore(end)).count();
            if (end.isAfter(at) && within > limit) {
                return true;
            }
        }
        return false;
    }

    private static EarningRules.@Nullable Campaign campaign(EarningRules rules, CarbonReductionRecorded r) {
        EarningRules.Campaign best = null;
        for (EarningRules.Campaign campaign : rules.campaignList()) {
            boolean applies = (campaign.behaviour() == null || campaign.behaviour() == r.behaviour())
                    && !r.occurredAt().isBefore(campaign.startsAt()) && r.occurredAt().isBefore(campaign.endsAt());
            if (applies && (best == null || campaign.multiplier().compareTo(best.multiplier()) > 0)) {
                best = campaign;
            }
        }
        return best;
    }

    /** Credits already earned per household (and behaviour, or {@code *} for all) per local day and month. */
    private Map<String, Long> tallies(List<Pending> pending) {
        LocalDate from = pending.stream().map(p -> p.localDay().withDayOfMonth(1)).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = pending.stream().map(p -> YearMonth.from(p.localDay()).atEndOfMonth()).max(Comparator.naturalOrder()).orElseThrow();
        Set<String> households = new HashSet<>();
        pending.forEach(p -> households.add(p.reduction().communityId() + "|" + p.reduction().householdId()));
        Map<String, Long> tallies = new HashMap<>();
        jdbc.query("""
                SELECT community_id, household_id, behaviour, local_day, sum(credits) FROM earning_event
                WHERE community_id = ANY(?) AND household_id = ANY(?) AND local_day BETWEEN ? AND ? AND behaviour <> ?
                GROUP BY community_id, household_id, behaviour, local_day""", rs -> {
            String household = rs.getString(1) + "|" + rs.getString(2);
            if (households.contains(household)) {
                LocalDate day = rs.getDate(4).toLocalDate();
                long credits = rs.getLong(5);
                String month = YearMonth.from(day).toString();
                tallies.merge(household + "|*|" + day, credits, Long::sum);
                tallies.merge(household + "|*|" + month, credits, Long::sum);
                tallies.merge(household + "|" + rs.getString(3) + "|" + day, credits, Long::sum);
                tallies.merge(household + "|" + rs.getString(3) + "|" + month, credits, Long::sum);
            }
        }, communities(pending), householdIds(pending), Date.valueOf(from), Date.valueOf(to), PAID_OUTSIDE_RULES.name());
        return tallies;
    }

    /** When each household's behaviours that were not flagged occurred, within the velocity window of the batch. */
    private Map<String, List<Instant>> recent(List<Pending> pending) {
        Instant from = pending.stream().map(p -> p.reduction().occurredAt()).min(Comparator.naturalOrder()).orElseThrow()
                .minus(VELOCITY_WINDOW);
        Instant to = pending.stream().map(p -> p.reduction().occurredAt()).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, List<Instant>> recent = new HashMap<>();
        jdbc.query("""
                SELECT community_id, household_id, occurred_at FROM earning_event
                WHERE community_id = ANY(?) AND household_id = ANY(?) AND outcome <> 'FLAGGED' AND occurred_at > ? AND occurred_at <= ?
                  AND behaviour <> ?""",
                rs -> {
                    recent.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2), h -> new ArrayList<>())
                            .add(rs.getTimestamp(3).toInstant());
                }, communities(pending), householdIds(pending), Timestamp.from(from), Timestamp.from(to), PAID_OUTSIDE_RULES.name());
        return recent;
    }

    /** When the drops credited at each bin of the batch occurred, within a minute of the batch's (by community and device). */
    private Map<String, List<Instant>> recentAtBins(List<Pending> pending) {
        Map<String, List<Instant>> recent = new HashMap<>();
        List<Pending> fromBins = pending.stream().filter(p -> p.bin() != null).toList();
        if (fromBins.isEmpty()) {
            return recent;
        }
        Instant from = fromBins.stream().map(p -> p.reduction().occurredAt()).min(Comparator.naturalOrder()).orElseThrow()
                .minus(DEVICE_WINDOW);
        Instant to = fromBins.stream().map(p -> p.reduction().occurredAt()).max(Comparator.naturalOrder()).orElseThrow()
                .plus(DEVICE_WINDOW);
        jdbc.query("""
                SELECT community_id, device_id, occurred_at FROM earning_event
                WHERE community_id = ANY(?) AND device_id = ANY(?) AND outcome <> 'FLAGGED' AND occurred_at > ? AND occurred_at < ?""",
                rs -> {
                    recent.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2), d -> new ArrayList<>()).add(rs.getTimestamp(3).toInstant());
                }, communities(fromBins), fromBins.stream().map(p -> p.bin().deviceId()).distinct().toArray(String[]::new),
                Timestamp.from(from), Timestamp.from(to));
        return recent;
    }

    private static String[] communities(List<Pending> pending) {
        return pending.stream().map(p -> p.reduction().communityId()).distinct().toArray(String[]::new);
    }

    private static String[] householdIds(List<Pending> pending) {
        return pending.stream().map(p -> p.reduction().householdId()).distinct().toArray(String[]::new);
    }

    /** A reduction to decide, the rules in force, its local day, and the bin's drop it came from when known. */
    private record Pending(CarbonReductionRecorded reduction, @Nullable EarningRules rules, LocalDate localDay,
            BinDeposits.@Nullable Deposit bin) {

        EarningRules.@Nullable BehaviourRule rule() {
            return rules == null ? null
                    : rules.behaviourRules().stream().filter(r -> r.behaviour() == reduction.behaviour()).findFirst().orElse(null);
        }

        boolean capped() {
            EarningRules.BehaviourRule rule = rule();
            return rules != null && (rules.householdDailyCap() != null || rules.householdMonthlyCap() != null
                    || (rule != null && (rule.dailyCap() != null || rule.monthlyCap() != null)));
        }
    }

    private record Cap(String name, @Nullable Long limit, String key) {
    }

    private record Judged(Outcome outcome, long credits, long withheld, String note) {

        static Judged flagged(String why) {
            return new Judged(Outcome.FLAGGED, 0, 0, why);
        }
    }
}
