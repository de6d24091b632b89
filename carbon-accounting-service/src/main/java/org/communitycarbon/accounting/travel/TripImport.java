package org.communitycarbon.accounting.travel;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.reduction.Persons;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.accounting.travel.TripRules.Known;
import org.communitycarbon.accounting.travel.TripRules.Relation;
import org.communitycarbon.accounting.travel.TripRules.Trip;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a partner's batch of trips, line by line (docs/accounting.md#green-travel-from-partners). Each line is refused
 * naming its field, accepted, or recognised as a trip already accepted — reported before by the same partner (its
 * {@code tripId}) or by another partner for the same resident (overlapping, same mode family, distance within the
 * tolerance). An accepted trip is a {@code GREEN_TRAVEL} reduction of the resident (their pseudonym, {@link Persons}),
 * in their household's sums, at the factor of its mode, recorded with its event in this transaction ({@link ReductionRecorder#recordTrips}); the batch's answer is
 * stored in it too, so the same batch sent again is answered the same and records nothing. Batches of one partner and
 * batch id, and trips of one resident, are taken one at a time (transaction-scoped advisory locks, riders in one order).
 */
@Service
class TripImport {

    static final int MAX_TRIPS = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TravelLinks links;
    private final FactorCatalog factors;
    private final ReductionRecorder recorder;
    private final Persons persons;
    private final TravelSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    TripImport(JdbcClient jdbc, JdbcTemplate batch, TravelLinks links, FactorCatalog factors, ReductionRecorder recorder, Persons persons,
            TravelSettings settings, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.links = links;
        this.factors = factors;
        this.recorder = recorder;
        this.persons = persons;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** What became of one line. */
    enum Status {
        /** Recorded: credited when {@code reduction} is given, else the methodology has no factor for the mode. */
        ACCEPTED,
        /** A trip already accepted ({@code duplicateOf}): nothing more is credited. */
        DUPLICATE,
        /** Not taken: {@code field} and {@code reason} say why. */
        REFUSED
    }

    /**
     * One line's result.
     *
     * @param id the platform's id of the trip (accepted or duplicate)
     * @param duplicateOf the platform's id of the trip it repeats
     * @param reduction the kg CO2e credited; none for a duplicate, a refusal or a mode without a factor
     * @param factorVersion the methodology version whose factor priced it
     */
    record Line(int index, @Nullable String tripId, Status status, @Nullable UUID id, @Nullable UUID duplicateOf,
            @Nullable Quantity reduction, @Nullable String factorVersion, @Nullable Long factorId, @Nullable String field,
            @Nullable String reason) {

        static Line refused(int index, @Nullable String tripId, String field, String reason) {
            return new Line(index, tripId, Status.REFUSED, null, null, null, null, null, field, reason);
        }
    }

    /** The answer to a batch. */
    record Answer(String partnerId, String batchId, int received, int accepted, int duplicates, int refused, List<Line> lines) {
    }

    /** A batch's answer, and whether it is the stored answer of a batch sent before. */
    record Outcome(Answer answer, boolean replayed) {
    }

    @Transactional
    Outcome take(Partners.Partner partner, String batchId, List<JsonNode> lines) {
        byte[] digest = sha256(json.writeValueAsBytes(lines));
        lock("travel-batch:" + partner.id() + ":" + batchId);
        Optional<Stored> stored = jdbc.sql("SELECT request_sha256, answer::text FROM travel_batch WHERE partner_id = :p AND batch_id = :b")
                .param("p", partner.id()).param("b", batchId)
                .query((rs, row) -> new Stored(rs.getBytes(1), rs.getString(2))).optional();
        if (stored.isPresent()) {
            if (!Arrays.equals(stored.get().digest(), digest)) {
                throw new ContractViolation("Idempotency-Key", "was used for another batch: a batch sent again must be the same");
            }
            return new Outcome(json.readValue(stored.get().answer(), Answer.class), true);
        }
        Instant now = clock.instant();
        Line[] results = new Line[lines.size()];
        List<Trip> trips = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                Trip trip = TripRules.read(lines.get(i), i, now, settings);
                if (!partner.modes().contains(trip.mode())) {
                    results[i] = Line.refused(i, trip.tripId(), "trips[" + i + "].mode", "the partner is not onboarded for " + trip.mode());
                }
                else {
                    trips.add(trip);
                }
            }
            catch (ContractViolation e) {
                results[i] = Line.refused(i, tripIdOf(lines.get(i)), e.field(), e.getMessage());
            }
        }
        Map<String, TravelLinks.Link> linked = links.ofRiders(partner.id(), trips.stream().map(Trip::rider).distinct().toList());
        TreeSet<String> subjects = new TreeSet<>();
        for (Trip trip : trips) {
            TravelLinks.Link link = linked.get(trip.rider());
            if (link != null) {
                subjects.add(link.subject());
            }
        }
        subjects.forEach(subject -> lock("travel-rider:" + subject));
        Map<String, UUID> reported = reported(partner.id(), trips);
        Map<String, List<Known>> known = known(subjects, trips);
        Map<String, BigDecimal> dailyKm = dailyKm(subjects, trips);
        Map<String, UUID> persons = this.persons.of(subjects);

        List<Object[]> rows = new ArrayList<>();
        List<ReductionRecorder.Travel> credits = new ArrayList<>();
        for (Trip trip : trips) {
            int i = trip.index();
            String at = "trips[" + i + "]";
            UUID id = EventIds.of("travel-trip", partner.id(), trip.tripId());
            UUID before = reported.get(trip.tripId());
            if (before != null) {
                results[i] = new Line(i, trip.tripId(), Status.DUPLICATE, before, before, null, null, null, at + ".tripId",
                        "reported before");
                continue;
            }
            TravelLinks.Link link = linked.get(trip.rider());
            if (link == null) {
                results[i] = Line.refused(i, trip.tripId(), at + ".rider", "no resident is linked with the partner by this code "
                        + "(never linked, or unlinked)");
                continue;
            }
            if (!partner.serves(link.communityId())) {
                results[i] = Line.refused(i, trip.tripId(), at + ".rider", "the resident lives in a community the partner does not serve");
                continue;
            }
            reported.put(trip.tripId(), id);
            List<Known> ofResident = known.computeIfAbsent(link.subject(), s -> new ArrayList<>());
            Known same = null;
            boolean conflict = false;
            for (Known k : ofResident) {
                Relation relation = TripRules.relation(trip, k, settings);
                if (relation == Relation.DUPLICATE) {
                    same = k;
                    break;
                }
                conflict |= relation == Relation.CONFLICT;
            }
            ZoneId zone = factors.zoneOf(link.communityId());
            LocalDate day = LocalCalendar.dayOf(trip.endedAt(), zone);
            if (same != null) {
                rows.add(row(id, partner.id(), batchId, trip, link, day, "DUPLICATE", same.id(), null, now));
                results[i] = new Line(i, trip.tripId(), Status.DUPLICATE, id, same.id(), null, null, null, null,
                        "the same trip as one already accepted for this resident: credited once");
                continue;
            }
            if (conflict) {
                reported.remove(trip.tripId());
                results[i] = Line.refused(i, trip.tripId(), at + ".startedAt",
                        "overlaps a trip already accepted for this resident, of another kind of mode or distance");
                continue;
            }
            String dayKey = link.subject() + "|" + day;
            BigDecimal sum = dailyKm.getOrDefault(dayKey, BigDecimal.ZERO).add(trip.distanceKm());
            if (sum.compareTo(settings.maxKmPerDay()) > 0) {
                reported.remove(trip.tripId());
                results[i] = Line.refused(i, trip.tripId(), at + ".distanceKm", "would bring this resident's trips of " + day + " to "
                        + sum.toPlainString() + " km, above the " + settings.maxKmPerDay().toPlainString() + " km a day taken");
                continue;
            }
            dailyKm.put(dayKey, sum);
            ofResident.add(new Known(id, trip.mode(), trip.distanceKm(), trip.startedAt(), trip.endedAt()));
            Optional<Factor> factor = factors.behaviourFactor(link.communityId(), FactorKind.GREEN_TRAVEL, trip.mode().factorKey(),
                    trip.endedAt());
            BigDecimal kgCo2e = factor.map(f -> f.apply(trip.distanceKm())).orElse(BigDecimal.ZERO);
            if (factor.isPresent() && kgCo2e.signum() > 0) {
                UUID reductionId = EventIds.derived(id, "carbon-reduction");
                rows.add(row(id, partner.id(), batchId, trip, link, day, "CREDITED", null, reductionId, now));
                credits.add(new ReductionRecorder.Travel(id, link.communityId(), link.householdId(), persons.get(link.subject()),
                        trip.endedAt(), trip.distanceKm(), factor.get()));
                results[i] = new Line(i, trip.tripId(), Status.ACCEPTED, id, null, Quantity.of(kgCo2e, Unit.KG_CO2E),
                        factor.get().versionLabel(), factor.get().id(), null, null);
            }
            else {
                rows.add(row(id, partner.id(), batchId, trip, link, day, "NOT_CREDITED", null, null, now));
                results[i] = new Line(i, trip.tripId(), Status.ACCEPTED, id, null, null,
                        factor.map(Factor::versionLabel).orElse(null), null, null,
                        "recorded, not credited: the community's methodology has no GREEN_TRAVEL factor for " + trip.mode()
                                + " (" + trip.mode().factorKey() + ")");
            }
        }
        insert(rows);
        recorder.recordTrips(credits);
        List<Line> answerLines = List.of(results);
        Answer answer = new Answer(partner.id(), batchId, lines.size(),
                (int) answerLines.stream().filter(l -> l.status() == Status.ACCEPTED).count(),
                (int) answerLines.stream().filter(l -> l.status() == Status.DUPLICATE).count(),
                (int) answerLines.stream().filter(l -> l.status() == Status.REFUSED).count(), answerLines);
        jdbc.sql("""
                INSERT INTO travel_batch (partner_id, batch_id, request_sha256, answer, received_at)
                VALUES (:p, :b, :digest, :answer::jsonb, :at)""")
                .param("p", partner.id()).param("b", batchId).param("digest", digest)
                .param("answer", json.writeValueAsString(answer)).param("at", Timestamp.from(now)).update();
        meters.counter("accounting.travel.trips", "partner", partner.id(), "status", "ACCEPTED").increment(answer.accepted());
        meters.counter("accounting.travel.trips", "partner", partner.id(), "status", "DUPLICATE").increment(answer.duplicates());
        meters.counter("accounting.travel.trips", "partner", partner.id(), "status", "REFUSED").increment(answer.refused());
        return new Outcome(answer, false);
    }

    private record Stored(byte[] digest, String answer) {
    }

    private void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", key).query().singleValue();
    }

    /** The partner's trips already recorded among the batch's trip ids: trip id → platform id. */
    private Map<String, UUID> reported(String partnerId, List<Trip> trips) {
        Map<String, UUID> reported = new HashMap<>();
        if (trips.isEmpty()) {
            return reported;
        }
        jdbc.sql("SELECT trip_ref, id FROM travel_trip WHERE partner_id = :p AND trip_ref = ANY (:refs)")
                .param("p", partnerId).param("refs", trips.stream().map(Trip::tripId).distinct().toArray(String[]::new))
                .query((rs, row) -> reported.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        return reported;
    }

    /** The residents' accepted (not duplicate) trips that may overlap the batch's, by subject. */
    private Map<String, List<Known>> known(TreeSet<String> subjects, List<Trip> trips) {
        Map<String, List<Known>> known = new HashMap<>();
        if (subjects.isEmpty()) {
            return known;
        }
        Instant from = trips.stream().map(Trip::startedAt).min(Instant::compareTo).orElseThrow();
        Instant to = trips.stream().map(Trip::endedAt).max(Instant::compareTo).orElseThrow();
        jdbc.sql("""
                SELECT subject, id, mode, distance_km, started_at, ended_at FROM travel_trip
                WHERE subject = ANY (:subjects) AND outcome <> 'DUPLICATE' AND started_at < :to AND ended_at > :from
                ORDER BY started_at, id""")
                .param("subjects", subjects.toArray(String[]::new)).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> known.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
                        .add(new Known(rs.getObject(2, UUID.class), TravelMode.valueOf(rs.getString(3)), rs.getBigDecimal(4),
                                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant())))
                .list();
        return known;
    }

    /** The km of the residents' accepted (not duplicate) trips per local day, keyed {@code subject|day}. */
    private Map<String, BigDecimal> dailyKm(TreeSet<String> subjects, List<Trip> trips) {
        Map<String, BigDecimal> km = new HashMap<>();
        if (subjects.isEmpty()) {
            return km;
        }
        Instant from = trips.stream().map(Trip::endedAt).min(Instant::compareTo).orElseThrow().minus(java.time.Duration.ofDays(2));
        Instant to = trips.stream().map(Trip::endedAt).max(Instant::compareTo).orElseThrow().plus(java.time.Duration.ofDays(2));
        jdbc.sql("""
                SELECT subject, local_day, sum(distance_km) FROM travel_trip
                WHERE subject = ANY (:subjects) AND outcome <> 'DUPLICATE' AND ended_at > :from AND ended_at <= :to
                GROUP BY subject, local_day""")
                .param("subjects", subjects.toArray(String[]::new)).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> km.put(rs.getString(1) + "|" + rs.getObject(2, LocalDate.class), rs.getBigDecimal(3))).list();
        return km;
    }

    private static Object[] row(UUID id, String partnerId, String batchId, Trip trip, TravelLinks.Link link, LocalDate day,
            String outcome, @Nullable UUID duplicateOf, @Nullable UUID reductionId, Instant now) {
        return new Object[] {id, partnerId, trip.tripId(), batchId, link.subject(), link.communityId(), link.householdId(),
                trip.mode().name(), trip.distanceKm(), Timestamp.from(trip.startedAt()), Timestamp.from(trip.endedAt()), day,
                outcome, duplicateOf, reductionId, Timestamp.from(now)};
    }

    private void insert(List<Object[]> rows) {
        // in line order: a duplicate's row follows the row of the trip it repeats (duplicate_of references it)
        batch.batchUpdate("""
                INSERT INTO travel_trip (id, partner_id, trip_ref, batch_id, subject, community_id, household_id, mode,
                    distance_km, started_at, ended_at, local_day, outcome, duplicate_of, reduction_id, reported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?::uuid, ?)""", rows);
    }

    private static @Nullable String tripIdOf(@Nullable JsonNode line) {
        if (line == null || !line.isObject()) {
            return null;
        }
        JsonNode id = line.get("tripId");
        return id != null && id.isString() && id.asString().length() <= 64 ? id.asString() : null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
