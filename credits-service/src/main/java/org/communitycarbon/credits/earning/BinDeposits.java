package org.communitycarbon.credits.earning;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The drops the bins reported ({@code sensing.waste-deposits}), kept so that a sorting reduction is judged against the
 * bin it came from: its capacity and how many drops it credited within a minute ({@link Earnings}).
 */
@Service
public class BinDeposits {

    private static final Logger log = LoggerFactory.getLogger(BinDeposits.class);

    /** The behaviour a bin's drop evidences: its reduction names the deposit as {@code sourceEventId}. */
    static final ReductionBehaviour FROM_BINS = ReductionBehaviour.SORTED_PERISHABLE_WASTE;

    private final JdbcTemplate jdbc;
    private final Duration wait;
    /** Sorting reductions whose deposit had not arrived, and since when they wait for it. */
    private final Map<UUID, Instant> waiting = new ConcurrentHashMap<>();

    BinDeposits(JdbcTemplate jdbc, EarningSettings settings) {
        this.jdbc = jdbc;
        this.wait = settings.depositWait();
    }

    /**
     * A drop as its bin reported it.
     *
     * @param capacityKg the bin's capacity as registered, when the registry has given one by the time the drop is judged
     */
    record Deposit(UUID eventId, String deviceId, WasteKind wasteKind, java.math.BigDecimal weightKg,
            java.math.@Nullable BigDecimal capacityKg) {
    }

    /** Keeps each deposit once (a redelivered one changes nothing). */
    @Transactional
    public void record(List<WasteDeposited> deposits) {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.batchUpdate("""
                INSERT INTO bin_deposit (event_id, community_id, device_id, household_id, waste_kind, weight_kg, occurred_at, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                deposits.stream().map(d -> new Object[] {d.eventId(), d.communityId(), d.deviceId(), d.householdId(),
                        d.wasteKind().name(), d.weight().value(), Timestamp.from(d.occurredAt()), now}).toList());
    }

    /**
     * Before sorting reductions are judged: each one's deposit must have reached this service, or have been awaited for
     * {@code credits.earning.deposit-wait}. A reduction whose deposit is still awaited makes the batch fail as a transient
     * failure, which the platform retries with back-off — so a drop is never credited past its bin's checks because the
     * two topics arrived out of order. One awaited longer is judged without its bin, and logged.
     *
     * @throws TransientDataAccessResourceException while a deposit is awaited
     */
    public void awaitEvidence(List<CarbonReductionRecorded> reductions) {
        List<UUID> sources = reductions.stream().filter(r -> r.behaviour() == FROM_BINS).map(CarbonReductionRecorded::sourceEventId)
                .toList();
        if (sources.isEmpty()) {
            return;
        }
        Set<UUID> known = known(sources);
        Instant now = Instant.now();
        List<UUID> awaited = new ArrayList<>();
        List<UUID> givenUp = new ArrayList<>();
        for (UUID source : sources) {
            if (known.contains(source)) {
                continue;
            }
            // the first time this batch saw the deposit missing: kept until the batch passes, so a retry never restarts it
            Instant since = waiting.computeIfAbsent(source, s -> now);
            if (Duration.between(since, now).compareTo(wait) < 0) {
                awaited.add(source);
            }
            else {
                givenUp.add(source);
            }
        }
        if (!awaited.isEmpty()) {
            throw new TransientDataAccessResourceException("Waiting for " + awaited.size() + " bin deposit(s) of sorting reductions, e.g. "
                    + awaited.get(0));
        }
        givenUp.forEach(source -> log.warn("The bin deposit {} of a sorting reduction did not arrive within {}: judged without its bin",
                source, wait));
        sources.forEach(waiting::remove);
    }

    /** The deposits with these event ids that are known, by event id, each with its bin's registered capacity if any. */
    Map<UUID, Deposit> byEventId(Collection<UUID> eventIds) {
        Map<UUID, Deposit> deposits = new HashMap<>();
        if (eventIds.isEmpty()) {
            return deposits;
        }
        jdbc.query("""
                SELECT d.event_id, d.device_id, d.waste_kind, d.weight_kg, c.capacity_kg FROM bin_deposit d
                LEFT JOIN bin_capacity c ON c.community_id = d.community_id AND c.device_id = d.device_id
                WHERE d.event_id = ANY(?)""", rs -> {
            UUID id = rs.getObject(1, UUID.class);
            deposits.put(id, new Deposit(id, rs.getString(2), WasteKind.valueOf(rs.getString(3)), rs.getBigDecimal(4),
                    rs.getBigDecimal(5)));
        }, (Object) eventIds.toArray(UUID[]::new));
        return deposits;
    }

    private Set<UUID> known(List<UUID> sources) {
        return jdbc.queryForList("SELECT event_id FROM bin_deposit WHERE event_id = ANY(?)", UUID.class,
                (Object) sources.toArray(UUID[]::new)).stream().collect(Collectors.toSet());
    }
}
