package org.communitycarbon.accounting.pv;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.accounting.baseline.SavingsSettings;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly settlement of communities' PV generation, on the electricity savings' schedule and settings
 * ({@code accounting.savings.settle-after}, {@code check-every}, {@code enabled}): once a community's local month has
 * ended and {@code settle-after} has passed, its PV meters' generation in the month — the OK deltas in the daily rollups,
 * household and common-area PV meters alike; flagged readings add nothing — is priced at the {@code GRID_ELECTRICITY}
 * factor of the community's methodology version on the month's last local day (its grid region, else national, else for
 * all), and stored as one {@code pv_settlement} row per community and month whatever the outcome. The transaction that
 * inserts the row records the {@code PV_GENERATION} reduction of the community's account; the row's key refuses a second
 * settlement, so a month is credited once however often it is settled.
 */
@Service
public class PvSettlement {

    private static final Logger log = LoggerFactory.getLogger(PvSettlement.class);

    private final JdbcClient jdbc;
    private final FactorCatalog catalog;
    private final ReductionRecorder recorder;
    private final TransactionTemplate transactions;
    private final SavingsSettings settings;
    private final Clock clock;

    PvSettlement(JdbcClient jdbc, FactorCatalog catalog, ReductionRecorder recorder, TransactionTemplate transactions,
            SavingsSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.recorder = recorder;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** What settles a community's month: generation priced, nothing generated, or no grid factor to price it. */
    public enum Outcome {
        CREDITED, NO_GENERATION, NO_FACTOR
    }

    /**
     * A community's month as settled.
     *
     * @param inserted whether this call settled it (false: it was settled before, and is returned as it was)
     * @param kgCo2e the reduction recorded; null unless {@code CREDITED}
     */
    public record Settled(String communityId, YearMonth month, Outcome outcome, BigDecimal generationKwh, int readings,
            int flaggedReadings, @Nullable Long factorId, @Nullable UUID reductionId, @Nullable BigDecimal kgCo2e, boolean inserted) {
    }

    /** Hourly (after a few minutes), with the savings: settles every community's PV months that are due and not settled. */
    @Scheduled(initialDelayString = "${accounting.savings.first-check-after:PT3M}", fixedDelayString = "${accounting.savings.check-every:PT1H}")
    void settleDueMonths() {
        if (!settings.enabled()) {
            return;
        }
        try {
            settleDue(clock.instant());
        }
        catch (RuntimeException e) {
            log.warn("Settling PV generation failed; the next check tries again", e);
        }
    }

    /**
     * Settles, for every community with PV readings in the last 70 days, the last local month that ended at least
     * {@code settle-after} before {@code now}, and the month before it (a missed run catches up), unless settled.
     */
    public List<Settled> settleDue(Instant now) {
        List<Settled> done = new ArrayList<>();
        List<String> communities = jdbc.sql("""
                SELECT DISTINCT community_id FROM community_consumption_day WHERE meter_type = 'PV_GENERATION' AND day >= :since
                ORDER BY 1""")
                .param("since", Date.valueOf(LocalDate.ofInstant(now, ZoneId.of("UTC")).minusDays(70))).query(String.class).list();
        for (String community : communities) {
            YearMonth due = YearMonth.from(LocalCalendar.dayOf(now.minus(settings.settleAfter()), catalog.zoneOf(community))).minusMonths(1);
            for (YearMonth month : List.of(due.minusMonths(1), due)) {
                if (find(community, month).isEmpty()) {
                    done.add(settle(community, month));
                }
            }
        }
        return done;
    }

    /** Settles a community's month in one transaction, unless it was settled: then returns it as it was settled. */
    public Settled settle(String communityId, YearMonth month) {
        return transactions.execute(status -> {
            ZoneId zone = catalog.zoneOf(communityId);
            // what the PV displaced happened by the month's end: (first day 00:00, next month's first day 00:00]
            Instant end = LocalCalendar.endOf(month.atEndOfMonth(), zone);
            Optional<Factor> factor = catalog.emissionFactor(communityId, MeterType.PV_GENERATION, end);
            Generation generation = jdbc.sql("""
                    SELECT coalesce(sum(consumption), 0), coalesce(sum(readings), 0), coalesce(sum(flagged), 0)
                    FROM community_consumption_day
                    WHERE community_id = :community AND meter_type = 'PV_GENERATION' AND day BETWEEN :first AND :last""")
                    .param("community", communityId).param("first", Date.valueOf(month.atDay(1)))
                    .param("last", Date.valueOf(month.atEndOfMonth()))
                    .query((rs, n) -> new Generation(rs.getBigDecimal(1).setScale(3, RoundingMode.HALF_UP), rs.getInt(2), rs.getInt(3)))
                    .single();
            UUID id = settlementId(communityId, month);
            BigDecimal kgCo2e = factor.map(f -> f.apply(generation.kwh())).orElse(null);
            Outcome outcome = generation.kwh().signum() == 0 ? Outcome.NO_GENERATION
                    : factor.isEmpty() ? Outcome.NO_FACTOR
                    : kgCo2e.signum() == 0 ? Outcome.NO_GENERATION : Outcome.CREDITED;
            UUID reductionId = outcome == Outcome.CREDITED ? EventIds.derived(id, "carbon-reduction") : null;
            Long factorId = factor.map(Factor::id).orElse(null);
            boolean inserted = jdbc.sql("""
                    INSERT INTO pv_settlement (id, community_id, month, outcome, generation_kwh, readings, flagged_readings, factor_id,
                                               reduction_id, settled_at)
                    VALUES (:id, :community, :month, :outcome, :kwh, :readings, :flagged, :factor, :reduction, :at)
                    ON CONFLICT (community_id, month) DO NOTHING""")
                    .param("id", id).param("community", communityId).param("month", Date.valueOf(month.atDay(1)))
                    .param("outcome", outcome.name()).param("kwh", generation.kwh()).param("readings", generation.readings())
                    .param("flagged", generation.flagged()).param("factor", factorId).param("reduction", reductionId)
                    .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update() == 1;
            if (!inserted) {
                return find(communityId, month).orElseThrow();
            }
            if (outcome == Outcome.CREDITED) {
                recorder.recordGeneration(new ReductionRecorder.Generation(id, communityId, end, generation.kwh(), factor.get()));
            }
            log.info("Settled PV generation of {} for {}: {} kWh, {}", month, communityId, generation.kwh(), outcome);
            return new Settled(communityId, month, outcome, generation.kwh(), generation.readings(), generation.flagged(), factorId,
                    reductionId, outcome == Outcome.CREDITED ? kgCo2e : null, true);
        });
    }

    /** A community's month as it was settled, with the reduction recorded for it. */
    public Optional<Settled> find(String communityId, YearMonth month) {
        return jdbc.sql("""
                SELECT s.outcome, s.generation_kwh, s.readings, s.flagged_readings, s.factor_id, s.reduction_id, r.reduction_kg_co2e
                FROM pv_settlement s LEFT JOIN carbon_reduction r ON r.id = s.reduction_id
                WHERE s.community_id = :community AND s.month = :month""")
                .param("community", communityId).param("month", Date.valueOf(month.atDay(1)))
                .query((rs, n) -> new Settled(communityId, month, Outcome.valueOf(rs.getString(1)), rs.getBigDecimal(2), rs.getInt(3),
                        rs.getInt(4), (Long) rs.getObject(5), rs.getObject(6, UUID.class), rs.getBigDecimal(7), false))
                .optional();
    }

    /** The settlement's id, and the reduction's source: {@code EventIds.of("pv-settlement", community, YYYY-MM)}. */
    static UUID settlementId(String communityId, YearMonth month) {
        return EventIds.of("pv-settlement", communityId, month.toString());
    }

    private record Generation(BigDecimal kwh, int readings, int flagged) {
    }
}
