package org.communitycarbon.accounting.baseline;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.place.HouseholdMembersChanged;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.messaging.InboundEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes a household's baselines when the registry changes what they rest on, and records each recomputation —
 * when, why, the baseline before and after — for the household's months not yet settled: the month of the change and
 * the running month (a settled month never changes).
 *
 * <ul>
 * <li><b>Members changed</b> ({@link HouseholdMembersChanged}, in the transaction that stores the place): a baseline from
 * the median per member of the community type is that median × the members, so it moves with them.</li>
 * <li><b>A meter replaced</b> ({@code DeviceChanged} on {@code sensing.devices} of an active household electricity meter
 * that {@code replaces} another): the readings between the old meter's last and the new one's first are lost, which
 * would look like a saving, so the month it was installed in counts a flagged reading — it neither settles a saving nor
 * serves as a baseline — and the recomputation records what that changed. Claimed in the inbox, so once.</li>
 * </ul>
 */
@Component
class BaselineRecomputations {

    /** The inbox consumer that claims meter replacements. */
    static final String REPLACEMENTS = "accounting.baseline-meter-replacements";
    static final String ELECTRICITY_METER = "electricity-meter";

    private final Baselines baselines;
    private final BaselineQueries queries;
    private final FactorCatalog catalog;
    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final InboundEvents inbound;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BaselineRecomputations(Baselines baselines, BaselineQueries queries, FactorCatalog catalog, JdbcClient jdbc,
            ProcessedEvents processed, InboundEvents inbound, TransactionTemplate transactions, Clock clock) {
        this.baselines = baselines;
        this.queries = queries;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.processed = processed;
        this.inbound = inbound;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener
    void membersChanged(HouseholdMembersChanged change) {
        LocalDate day = LocalCalendar.dayOf(change.occurredAt(), catalog.zoneOf(change.communityId()));
        recompute(change.communityId(), change.householdId(), "MEMBERS_CHANGED", change.causeEventId(), day,
                "members " + (change.before() == null ? "unknown" : change.before()) + " -> "
                        + (change.after() == null ? "unknown" : change.after()),
                change.before(), change.after(), false);
    }

    @KafkaListener(topics = RegistryTopics.DEVICES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, DeviceChanged.class, BaselineRecomputations::check, this::devices);
    }

    void devices(List<DeviceChanged> devices) {
        List<DeviceChanged> replacements = devices.stream().filter(BaselineRecomputations::replacesHouseholdMeter).toList();
        if (replacements.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Set<UUID> fresh = processed.claim(REPLACEMENTS, replacements.stream().map(DeviceChanged::eventId).toList());
            for (DeviceChanged device : replacements) {
                if (fresh.remove(device.eventId())) {
                    Integer members = queries.members(device.communityId()).get(device.boundId());
                    recompute(device.communityId(), device.boundId(), "METER_REPLACED", device.eventId(), device.installedOn(),
                            "meter " + device.replaces() + " replaced by " + device.deviceId(), members, members, true);
                }
            }
        });
    }

    /** What is used of a device change: its identity and, for a replacing meter, its place and day. Others pass as they are. */
    static void check(DeviceChanged device) {
        Require.readable(device.eventId(), device.communityId(), device.occurredAt());
        if (device.replaces() != null) {
            Require.identifier(device.deviceId(), "deviceId");
            Require.optionalIdentifier(device.replaces(), "replaces");
            Require.present(device.binding(), "binding");
            Require.identifier(device.boundId(), "boundId");
            Require.present(device.installedOn(), "installedOn");
        }
    }

    static boolean replacesHouseholdMeter(DeviceChanged device) {
        return device.replaces() != null && device.binding() == PlaceKind.HOUSEHOLD && device.status() == DeviceStatus.ACTIVE
                && ELECTRICITY_METER.equals(device.deviceType());
    }

    /**
     * Records the baseline before and after the change for each month of the household not yet settled among the month
     * of the change and the running month.
     */
    private void recompute(String communityId, String householdId, String reason, UUID cause, LocalDate changedOn, String detail,
            @Nullable Integer membersBefore, @Nullable Integer membersAfter, boolean meterReplaced) {
        ZoneId zone = catalog.zoneOf(communityId);
        Set<YearMonth> months = new TreeSet<>(List.of(YearMonth.from(changedOn),
                YearMonth.from(LocalCalendar.dayOf(clock.instant(), zone))));
        // every month judged before anything is recorded, so a month's record never sees another's
        List<Object[]> rows = new ArrayList<>();
        for (YearMonth month : months) {
            if (!queries.settled(communityId, householdId, null, month).isEmpty()) {
                continue;
            }
            BaselineRule.Evaluation before = baselines.evaluateHousehold(communityId, householdId, month, membersBefore, null);
            BaselineRule.Evaluation after = baselines.evaluateHousehold(communityId, householdId, month, membersAfter,
                    meterReplaced ? YearMonth.from(changedOn) : null);
            rows.add(new Object[] {cause, Date.valueOf(month.atDay(1)), communityId, householdId, reason, Date.valueOf(changedOn),
                    Require.abbreviate(detail, 300), before.baseline() == null ? null : before.baseline().kwh(),
                    before.baseline() == null ? null : before.baseline().source().name(),
                    after.baseline() == null ? null : after.baseline().kwh(),
                    after.baseline() == null ? null : after.baseline().source().name(), Timestamp.from(clock.instant())});
        }
        for (Object[] row : rows) {
            jdbc.sql("""
                    INSERT INTO baseline_recomputation (cause_event_id, month, community_id, household_id, reason, changed_on, detail,
                        old_baseline_kwh, old_source, new_baseline_kwh, new_source, recomputed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(row)
                    .update();
        }
    }
}
