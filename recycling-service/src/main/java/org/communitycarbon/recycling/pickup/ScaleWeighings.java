package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.recycling.price.PriceListView;
import org.communitycarbon.recycling.price.PriceLists;
import org.communitycarbon.recycling.recycler.RecyclerView;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connected scales' weighings (docs/recycling.md#connected-scales). Each weighing is recorded once — its event id, derived
 * from the community, the scale and the scale's weighing id, is the table's key — and is either applied to its pickup or
 * rejected with a reason; a rejected weighing is kept, never retried, and blocks nothing. A weighing is applied when its
 * pickup is of the scale's community, dispatched to a recycler and not yet collected or cancelled, and its category is
 * priced, booked or taken by the recycler, and stays within 1000 kg per category. The pickup's row is locked while a
 * weighing is decided, as a collection locks it, so a weighing is either in a collection's settlement or refused as
 * arriving after it.
 */
@Service
public class ScaleWeighings {

    /** The most a collection records of one category, as a collector's entry. */
    static final BigDecimal MAX_KG_PER_CATEGORY = ScaleWeighingReported.MAX_WEIGHT_KG;

    private static final int MAX_DETAIL = 300;

    private static final String LOCK = "SELECT community_id, categories, status, recycler_id FROM pickup_booking WHERE id = ? FOR UPDATE";

    private static final String VIEW = """
            SELECT device_id, weighing_id, named_pickup_id, category, weight_kg, measured_at, recorded_at, outcome, reason, detail
            FROM scale_weighing""";

    private final JdbcTemplate jdbc;
    private final PriceLists prices;
    private final Recyclers recyclers;
    private final Clock clock;

    ScaleWeighings(JdbcTemplate jdbc, PriceLists prices, Recyclers recyclers, Clock clock) {
        this.jdbc = jdbc;
        this.prices = prices;
        this.recyclers = recyclers;
        this.clock = clock;
    }

    /** Records each weighing not recorded before, applied or rejected, in one transaction. */
    @Transactional
    public void record(List<ScaleWeighingReported> weighings) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, PriceListView> inForce = new HashMap<>();
        for (ScaleWeighingReported weighing : weighings) {
            if (!jdbc.queryForList("SELECT 1 FROM scale_weighing WHERE event_id = ? OR (community_id = ? AND device_id = ? AND weighing_id = ?)",
                    weighing.eventId(), weighing.communityId(), weighing.deviceId(), weighing.weighingId()).isEmpty()) {
                continue; // the same weighing again: a redelivery, or the scale sending it twice
            }
            Decision decision = decide(weighing, inForce, now);
            jdbc.update("""
                    INSERT INTO scale_weighing (event_id, community_id, device_id, weighing_id, named_pickup_id, pickup_id, category,
                        weight_kg, measured_at, received_at, recorded_at, outcome, reason, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    weighing.eventId(), weighing.communityId(), weighing.deviceId(), weighing.weighingId(), weighing.pickupId(),
                    decision.pickupId(), weighing.category(), weighing.weight().value(), Timestamp.from(weighing.occurredAt()),
                    Timestamp.from(weighing.receivedAt()), Timestamp.from(now), decision.outcome().name(),
                    decision.reason() == null ? null : decision.reason().name(),
                    decision.detail() == null ? null : Require.abbreviate(decision.detail(), MAX_DETAIL));
        }
    }

    private Decision decide(ScaleWeighingReported weighing, Map<String, PriceListView> inForce, Instant now) {
        UUID id = weighing.pickupId();
        Pickup pickup = jdbc.query(LOCK, (rs, n) -> pickup(rs), id).stream().findFirst().orElse(null);
        if (pickup == null || !pickup.communityId().equals(weighing.communityId())) {
            // another community's pickup is not the scale's to weigh, and its existence is not the scale's to learn
            return Decision.rejected(null, ScaleWeighingReason.UNKNOWN_PICKUP, "no pickup " + id + " in community " + weighing.communityId());
        }
        String weighable = "; a scale weighs a pickup that is DISPATCHED, ACCEPTED or ON_THE_WAY";
        switch (pickup.status()) {
            case REQUESTED -> {
                return Decision.rejected(id, ScaleWeighingReason.NOT_DISPATCHED, "pickup " + id + " is not yet dispatched to a recycler"
                        + weighable);
            }
            case COLLECTED, CANCELLED -> {
                return Decision.rejected(id, ScaleWeighingReason.PICKUP_CLOSED, "pickup " + id + " is " + pickup.status() + weighable);
            }
            default -> {
                // DISPATCHED, ACCEPTED, ON_THE_WAY: weighed
            }
        }
        String category = weighing.category();
        PriceListView prices = inForce.computeIfAbsent(weighing.communityId(), community -> this.prices.inForce(community, now));
        if (prices.priceOf(category).isEmpty()) {
            return Decision.rejected(id, ScaleWeighingReason.CATEGORY_NOT_PRICED, "the community's prices in force (version "
                    + prices.version() + ") have no price for category " + category);
        }
        Set<String> allowed = new LinkedHashSet<>(pickup.categories());
        if (pickup.recyclerId() != null) {
            allowed.addAll(recyclers.find(pickup.recyclerId()).map(RecyclerView::categories).orElse(List.of()));
        }
        if (!allowed.contains(category)) {
            return Decision.rejected(id, ScaleWeighingReason.CATEGORY_NOT_TAKEN, "category " + category
                    + " is neither booked nor taken by the recycler; possible are " + String.join(", ", allowed.stream().sorted().toList()));
        }
        BigDecimal weighed = jdbc.queryForObject("""
                SELECT coalesce(sum(weight_kg), 0) FROM scale_weighing WHERE pickup_id = ? AND category = ? AND outcome = 'APPLIED'""",
                BigDecimal.class, id, category);
        BigDecimal total = weighed.add(weighing.weight().value());
        if (total.compareTo(MAX_KG_PER_CATEGORY) > 0) {
            return Decision.rejected(id, ScaleWeighingReason.CATEGORY_TOO_HEAVY, "category " + category + " would weigh "
                    + total.toPlainString() + " kg on this pickup; a collection records at most " + MAX_KG_PER_CATEGORY.toPlainString()
                    + " kg of a category");
        }
        return new Decision(id, ScaleWeighingOutcome.APPLIED, null, null);
    }

    /**
     * What the scales weighed for a pickup and was applied, per category: the total and the scales. For the collection,
     * which holds the pickup's lock.
     */
    List<ScaleItem> appliedOf(UUID pickupId) {
        return jdbc.query("""
                SELECT category, sum(weight_kg) AS kg, array_agg(DISTINCT device_id ORDER BY device_id) AS devices
                FROM scale_weighing WHERE pickup_id = ? AND outcome = 'APPLIED' GROUP BY category ORDER BY category""",
                (rs, n) -> new ScaleItem(rs.getString("category"), rs.getBigDecimal("kg"), strings(rs.getArray("devices"))), pickupId);
    }

    /** A community's scales' weighings, newest first: all, or those applied or rejected. */
    @Transactional(readOnly = true)
    public PageView<ScaleWeighingView> ofCommunity(String communityId, @Nullable ScaleWeighingOutcome outcome, int page, int size) {
        String where = " WHERE community_id = ?" + (outcome == null ? "" : " AND outcome = ?");
        Object[] args = outcome == null ? new Object[] {communityId} : new Object[] {communityId, outcome.name()};
        Long total = jdbc.queryForObject("SELECT count(*) FROM scale_weighing" + where, Long.class, args);
        Object[] paged = Arrays.copyOf(args, args.length + 2);
        paged[args.length] = size;
        paged[args.length + 1] = (long) page * size;
        List<ScaleWeighingView> items = jdbc.query(VIEW + where + " ORDER BY recorded_at DESC, event_id LIMIT ? OFFSET ?",
                (rs, n) -> view(rs), paged);
        long count = total == null ? 0 : total;
        return new PageView<>(items, page, size, count, (int) ((count + size - 1) / size));
    }

    private static ScaleWeighingView view(ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new ScaleWeighingView(rs.getString("device_id"), rs.getString("weighing_id"), rs.getObject("named_pickup_id", UUID.class),
                rs.getString("category"), rs.getBigDecimal("weight_kg"), rs.getTimestamp("measured_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), ScaleWeighingOutcome.valueOf(rs.getString("outcome")),
                reason == null ? null : ScaleWeighingReason.valueOf(reason), rs.getString("detail"));
    }

    private static Pickup pickup(ResultSet rs) throws SQLException {
        return new Pickup(rs.getString("community_id"), strings(rs.getArray("categories")), PickupStatus.valueOf(rs.getString("status")),
                rs.getString("recycler_id"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    /** A category the scales weighed for a pickup: the sum of its applied weighings and the scales that weighed it. */
    record ScaleItem(String category, BigDecimal weightKg, List<String> devices) {
    }

    private record Pickup(String communityId, List<String> categories, PickupStatus status, @Nullable String recyclerId) {
    }

    private record Decision(@Nullable UUID pickupId, ScaleWeighingOutcome outcome, @Nullable ScaleWeighingReason reason,
            @Nullable String detail) {

        static Decision rejected(@Nullable UUID pickupId, ScaleWeighingReason reason, String detail) {
            return new Decision(pickupId, ScaleWeighingOutcome.REJECTED, reason, detail);
        }
    }
}
