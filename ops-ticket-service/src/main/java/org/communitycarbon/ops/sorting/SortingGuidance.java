package org.communitycarbon.ops.sorting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.ops.notification.Audience;
import org.communitycarbon.ops.notification.NotificationKind;
import org.communitycarbon.ops.notification.Notifications;
import org.communitycarbon.ops.workorder.AlertWorkOrders;
import org.communitycarbon.ops.workorder.WorkOrderType;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a batch of deposits does, in one transaction: each deposit is claimed in the inbox and counted once in its
 * community's month; each one a bin's camera recognised as another kind than the bin's is a mistake — kept, and told to
 * the household's residents with the right category; a household with {@code visit-after} mistakes within the window
 * and no visit active gets one {@code SORTING_VISIT} work order, and mistakes made while one is active count towards it.
 * Nothing here takes credits: guidance, not a penalty.
 */
@Service
public class SortingGuidance {

    private static final Logger log = LoggerFactory.getLogger(SortingGuidance.class);
    static final String CONSUMER = "ops.sorting";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final Notifications notifications;
    private final AlertWorkOrders workOrders;
    private final SortingSettings settings;
    private final Clock clock;
    private final Counter notices;
    private final Counter visits;

    SortingGuidance(JdbcTemplate jdbc, ProcessedEvents processed, Notifications notifications, AlertWorkOrders workOrders,
            SortingSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.notifications = notifications;
        this.workOrders = workOrders;
        this.settings = settings;
        this.clock = clock;
        this.notices = Counter.builder("ops.sorting.notices").description("Sorting notices sent to households").register(meters);
        this.visits = Counter.builder("ops.sorting.visits").description("Sorting visits opened for households").register(meters);
    }

    /** Applies a batch of deposits; each counts and notifies once however often it is delivered. */
    @Transactional
    public void record(List<WasteDeposited> deposits) {
        Set<UUID> fresh = new HashSet<>(processed.claim(CONSUMER, deposits.stream().map(WasteDeposited::eventId).toList()));
        Map<MonthKey, long[]> months = new TreeMap<>();
        List<WasteDeposited> mistakes = new ArrayList<>();
        for (WasteDeposited deposit : deposits) {
            if (!fresh.remove(deposit.eventId())) {
                continue;
            }
            LocalDate month = deposit.occurredAt().atZone(settings.timeZone()).toLocalDate().withDayOfMonth(1);
            long[] counts = months.computeIfAbsent(new MonthKey(deposit.communityId(), month), key -> new long[5]);
            counts[0]++;
            if (deposit.detectedKind() != null) {
                counts[1]++;
                if (deposit.detectedKind() == deposit.wasteKind()) {
                    counts[2]++;
                }
            }
            if (deposit.correctlySorted()) {
                counts[4]++;
            }
            if (deposit.householdId() == null) {
                counts[3]++;
            }
            else if (deposit.recognisedAsOtherKind()) {
                mistakes.add(deposit);
            }
        }
        months.forEach((key, counts) -> jdbc.update("""
                INSERT INTO sorting_month (community_id, month, deposits, recognised, matched, anonymous, correctly_sorted)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id, month) DO UPDATE SET deposits = sorting_month.deposits + EXCLUDED.deposits,
                    recognised = sorting_month.recognised + EXCLUDED.recognised,
                    matched = sorting_month.matched + EXCLUDED.matched,
                    anonymous = sorting_month.anonymous + EXCLUDED.anonymous,
                    correctly_sorted = sorting_month.correctly_sorted + EXCLUDED.correctly_sorted""",
                key.communityId(), Date.valueOf(key.month()), counts[0], counts[1], counts[2], counts[3], counts[4]));
        Map<HouseholdKey, List<WasteDeposited>> byHousehold = new LinkedHashMap<>();
        mistakes.sort(Comparator.comparing(WasteDeposited::occurredAt).thenComparing(WasteDeposited::eventId));
        for (WasteDeposited mistake : mistakes) {
            keep(mistake);
            notifyHousehold(mistake);
            byHousehold.computeIfAbsent(new HouseholdKey(mistake.communityId(), mistake.householdId()), key -> new ArrayList<>())
                    .add(mistake);
        }
        byHousehold.forEach(this::considerVisit);
    }

    private void keep(WasteDeposited mistake) {
        jdbc.update("""
                INSERT INTO sorting_mistake (deposit_event_id, community_id, household_id, device_id, bin_kind, detected_kind, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deposit_event_id) DO NOTHING""", mistake.eventId(), mistake.communityId(),
                mistake.householdId(), mistake.deviceId(), mistake.wasteKind().name(), kindOf(mistake).name(),
                Timestamp.from(mistake.occurredAt().truncatedTo(ChronoUnit.MICROS)));
    }

    /** The notice of one wrongly sorted drop to its household's residents; its id is derived from the deposit's. */
    private void notifyHousehold(WasteDeposited mistake) {
        WasteKind correct = kindOf(mistake);
        WasteKind bin = mistake.wasteKind();
        Map<String, String> details = new TreeMap<>();
        details.put("depositEventId", mistake.eventId().toString());
        details.put("deviceId", mistake.deviceId());
        details.put("observedAt", mistake.occurredAt().toString());
        details.put("binKind", bin.name());
        details.put("binKindZh", bin.chineseName());
        details.put("binKindEn", bin.englishName());
        details.put("correctKind", correct.name());
        details.put("correctKindZh", correct.chineseName());
        details.put("correctKindEn", correct.englishName());
        details.put("guidance", "请将" + correct.chineseName() + "投入" + correct.chineseName() + "桶。Please put "
                + correct.englishName() + " into the " + correct.englishName() + " bin.");
        boolean added = notifications.add(EventIds.derived(mistake.eventId(), "sorting-guidance"),
                Audience.household(mistake.communityId(), mistake.householdId()), NotificationKind.SORTING_GUIDANCE,
                "Sorting guidance: this belongs in the " + correct.englishName() + " bin (" + correct.chineseName() + ")",
                "A drop at bin " + mistake.deviceId() + " for " + bin.englishName() + " (" + bin.chineseName() + ") at "
                        + mistake.occurredAt() + " was recognised as " + correct.englishName() + " (" + correct.chineseName()
                        + "). Please put " + correct.englishName() + " into the " + correct.englishName() + " bin ("
                        + correct.chineseName() + "). This is guidance, not a penalty: no credits are taken.",
                null, details, mistake.occurredAt());
        if (added) {
            notices.increment();
        }
    }

    /**
     * Counts a household's mistakes towards a visit: towards the active one if it has one; else, with {@code visit-after}
     * mistakes not yet counted towards a visit within the window ending at the latest, opens one due
     * {@code visit-within} after it. Under a lock per household, as its drops may arrive on several partitions at once.
     */
    private void considerVisit(HouseholdKey household, List<WasteDeposited> mistakes) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                "ops.sorting:" + household.communityId() + "/" + household.householdId());
        List<UUID> active = jdbc.queryForList("""
                SELECT id FROM work_order WHERE community_id = ? AND type = ? AND source_id = ?
                AND status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')""", UUID.class, household.communityId(),
                WorkOrderType.SORTING_VISIT.name(), household.householdId());
        if (!active.isEmpty()) {
            countTowards(active.get(0), household, null);
            return;
        }
        WasteDeposited latest = mistakes.get(mistakes.size() - 1);
        Instant since = latest.occurredAt().minus(settings.window());
        Integer counted = jdbc.queryForObject("""
                SELECT count(*) FROM sorting_mistake WHERE community_id = ? AND household_id = ? AND visit_work_order_id IS NULL
                AND occurred_at > ? AND occurred_at <= ?""", Integer.class, household.communityId(), household.householdId(),
                Timestamp.from(since), Timestamp.from(latest.occurredAt()));
        int mistakesInWindow = counted == null ? 0 : counted;
        if (mistakesInWindow < settings.visitAfter()) {
            return;
        }
        Map<String, String> details = new TreeMap<>();
        details.put("householdId", household.householdId());
        details.put("mistakes", Integer.toString(mistakesInWindow));
        details.put("window", settings.window().toString());
        details.put("lastDeviceId", latest.deviceId());
        details.put("lastBinKind", latest.wasteKind().name());
        details.put("lastDetectedKind", kindOf(latest).name());
        details.put("purpose", "guidance visit by the sorting volunteers, not a penalty: no credits are taken");
        UUID order = workOrders.open(EventIds.derived(latest.eventId(), "sorting-visit"), household.communityId(),
                WorkOrderType.SORTING_VISIT, household.householdId(), "Sorting visit: household " + household.householdId()
                        + " sorted " + mistakesInWindow + " drops wrongly within " + days(settings) + " days",
                Quantity.of(Integer.toString(mistakesInWindow), Unit.COUNT),
                Quantity.of(Integer.toString(settings.visitAfter()), Unit.COUNT), latest.occurredAt(), settings.visitWithin(),
                details);
        visits.increment();
        countTowards(order, household, latest.occurredAt());
    }

    /** Marks the household's uncounted mistakes (up to {@code upTo}, all when null) as counted towards {@code order}. */
    private void countTowards(UUID order, HouseholdKey household, @org.jspecify.annotations.Nullable Instant upTo) {
        jdbc.update("""
                UPDATE sorting_mistake SET visit_work_order_id = ?
                WHERE community_id = ? AND household_id = ? AND visit_work_order_id IS NULL
                AND (?::timestamptz IS NULL OR occurred_at <= ?::timestamptz)""", order, household.communityId(),
                household.householdId(), upTo == null ? null : Timestamp.from(upTo), upTo == null ? null : Timestamp.from(upTo));
    }

    /** Forgets mistakes past the retention, once an hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    void forgetOld() {
        try {
            int deleted = jdbc.update("DELETE FROM sorting_mistake WHERE occurred_at < ?",
                    Timestamp.from(clock.instant().minus(settings.retention())));
            if (deleted > 0) {
                log.info("Sorting guidance: forgot {} mistakes older than {}", deleted, settings.retention());
            }
        }
        catch (RuntimeException e) {
            log.warn("Sorting guidance: could not forget old mistakes ({}); trying again in an hour", e.getMessage());
        }
    }

    private static WasteKind kindOf(WasteDeposited mistake) {
        WasteKind detected = mistake.detectedKind();
        if (detected == null) {
            throw new IllegalStateException("a mistake has a recognised kind");
        }
        return detected;
    }

    private static long days(SortingSettings settings) {
        return Math.max(1, settings.window().toDays());
    }

    private record MonthKey(String communityId, LocalDate month) implements Comparable<MonthKey> {
        @Override
        public int compareTo(MonthKey other) {
            int byCommunity = communityId.compareTo(other.communityId);
            return byCommunity != 0 ? byCommunity : month.compareTo(other.month);
        }
    }

    private record HouseholdKey(String communityId, String householdId) {
    }
}
