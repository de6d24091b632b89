package org.communitycarbon.accounting.travel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a reported trip must be, and when two reports are one trip. Pure functions: the importer asks them, and
 * {@code TripRulesTest} holds them to account.
 */
final class TripRules {

    static final BigDecimal MIN_KM = new BigDecimal("0.001");
    static final BigDecimal MAX_KM = new BigDecimal("200");
    private static final Pattern RIDER = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Set<String> FIELDS = Set.of("tripId", "rider", "mode", "distanceKm", "startedAt", "endedAt");
    private static final BigDecimal SECONDS_PER_HOUR = new BigDecimal(3600);

    private TripRules() {
    }

    /** A line of a batch that has the shape of a trip. */
    record Trip(int index, String tripId, String rider, TravelMode mode, BigDecimal distanceKm, Instant startedAt, Instant endedAt) {

        Duration duration() {
            return Duration.between(startedAt, endedAt);
        }
    }

    /** A trip already accepted for the same resident. */
    record Known(UUID id, TravelMode mode, BigDecimal distanceKm, Instant startedAt, Instant endedAt) {
    }

    /** How a reported trip relates to one already accepted for the same resident. */
    enum Relation {
        /** They do not overlap (enough): two trips. */
        DISTINCT,
        /** The same journey reported again: credited once. */
        DUPLICATE,
        /** They overlap, but by mode family or distance cannot be one journey: the later report is refused. */
        CONFLICT
    }

    /**
     * Reads line {@code index} of a batch: its fields present, of their types and within their bounds, no other field;
     * the trip ended after it started, lasted at most {@code maxTripDuration}, ended no later than {@code now} + the
     * clock skew and not before the report window; its average speed possible for its mode.
     *
     * @throws ContractViolation naming the field ({@code trips[3].distanceKm})
     */
    static Trip read(@Nullable JsonNode line, int index, Instant now, TravelSettings settings) {
        String at = "trips[" + index + "]";
        if (line == null || !line.isObject()) {
            throw new ContractViolation(at, "must be an object");
        }
        for (Map.Entry<String, JsonNode> property : line.properties()) {
            if (!FIELDS.contains(property.getKey())) {
                throw new ContractViolation(at + "." + Require.abbreviate(property.getKey(), 64),
                        "is not a field of a trip (the platform takes no locations: see docs/accounting.md)");
            }
        }
        String tripId = Require.identifier(text(line, at, "tripId", 64), at + ".tripId");
        String rider = text(line, at, "rider", 64);
        if (!RIDER.matcher(rider).matches()) {
            throw new ContractViolation(at + ".rider", "must be the 22-character link code the resident gave the partner");
        }
        TravelMode mode = mode(text(line, at, "mode", 16), at + ".mode");
        JsonNode distance = line.get("distanceKm");
        if (distance == null || distance.isNull()) {
            throw new ContractViolation(at + ".distanceKm", "is required");
        }
        if (!distance.isNumber()) {
            throw new ContractViolation(at + ".distanceKm", "must be a number of km");
        }
        BigDecimal value;
        try {
            value = distance.decimalValue();
        }
        catch (JacksonException e) {
            // a number a double cannot hold (1e999999999 read as a double is infinite)
            throw new ContractViolation(at + ".distanceKm", "must be between " + MIN_KM + " and " + MAX_KM + " km");
        }
        BigDecimal km = Require.decimal(value, at + ".distanceKm", MIN_KM, MAX_KM, 3);
        Instant startedAt = instant(text(line, at, "startedAt", 40), at + ".startedAt");
        Instant endedAt = instant(text(line, at, "endedAt", 40), at + ".endedAt");
        if (!endedAt.isAfter(startedAt)) {
            throw new ContractViolation(at + ".endedAt", "must be after startedAt");
        }
        if (endedAt.isAfter(now.plus(settings.clockSkew()))) {
            throw new ContractViolation(at + ".endedAt", "is in the future");
        }
        if (endedAt.isBefore(now.minus(settings.reportWindow()))) {
            throw new ContractViolation(at + ".endedAt", "is older than the " + settings.reportWindow().toDays()
                    + " days within which trips are taken");
        }
        Duration duration = Duration.between(startedAt, endedAt);
        if (duration.compareTo(settings.maxTripDuration()) > 0) {
            throw new ContractViolation(at + ".endedAt", "makes a trip longer than " + settings.maxTripDuration().toHours() + " hours");
        }
        BigDecimal kmPerHour = speed(km, duration);
        if (kmPerHour.compareTo(mode.maxKmPerHour()) > 0) {
            throw new ContractViolation(at + ".distanceKm", "makes an average of " + kmPerHour.toPlainString() + " km/h, more than "
                    + mode + " goes (" + mode.maxKmPerHour().toPlainString() + " km/h)");
        }
        return new Trip(index, tripId, rider, mode, km, startedAt, endedAt);
    }

    /** The average speed, km/h to one decimal. */
    static BigDecimal speed(BigDecimal km, Duration duration) {
        BigDecimal hours = BigDecimal.valueOf(Math.max(1, duration.toSeconds())).divide(SECONDS_PER_HOUR, MathContext.DECIMAL64);
        return km.divide(hours, 1, RoundingMode.HALF_UP);
    }

    /**
     * Whether {@code trip} is {@code known} reported again: they overlap in time by at least half the shorter of the two
     * and, then, are the same journey when their modes are of one family and their distances differ by at most the
     * tolerance (the larger of {@code distanceTolerance} of the longer distance and {@code minDistanceTolerance} km);
     * overlapping otherwise, they cannot both be true.
     */
    static Relation relation(Trip trip, Known known, TravelSettings settings) {
        Instant from = trip.startedAt().isAfter(known.startedAt()) ? trip.startedAt() : known.startedAt();
        Instant to = trip.endedAt().isBefore(known.endedAt()) ? trip.endedAt() : known.endedAt();
        if (!to.isAfter(from)) {
            return Relation.DISTINCT;
        }
        Duration overlap = Duration.between(from, to);
        Duration knownDuration = Duration.between(known.startedAt(), known.endedAt());
        Duration shorter = trip.duration().compareTo(knownDuration) < 0 ? trip.duration() : knownDuration;
        if (overlap.multipliedBy(2).compareTo(shorter) < 0) {
            return Relation.DISTINCT;
        }
        BigDecimal longer = trip.distanceKm().max(known.distanceKm());
        BigDecimal tolerance = longer.multiply(settings.distanceTolerance()).max(settings.minDistanceTolerance());
        boolean sameDistance = trip.distanceKm().subtract(known.distanceKm()).abs().compareTo(tolerance) <= 0;
        return trip.mode().family() == known.mode().family() && sameDistance ? Relation.DUPLICATE : Relation.CONFLICT;
    }

    private static String text(JsonNode line, String at, String field, int max) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            throw new ContractViolation(at + "." + field, "is required");
        }
        if (!value.isString()) {
            throw new ContractViolation(at + "." + field, "must be a string");
        }
        String text = value.asString();
        if (text.isBlank() || text.length() > max) {
            throw new ContractViolation(at + "." + field, "must be non-blank and at most " + max + " characters");
        }
        return text;
    }

    private static TravelMode mode(String name, String field) {
        for (TravelMode mode : TravelMode.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new ContractViolation(field, "must be one of BIKE, E_BIKE, BUS, METRO, WALK");
    }

    private static Instant instant(String text, String field) {
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            if (instant.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
                throw new ContractViolation(field, "must be after 2000");
            }
            return instant;
        }
        catch (DateTimeParseException e) {
            throw new ContractViolation(field, "must be an ISO-8601 date and time with an offset, e.g. 2026-11-30T08:15:00+08:00");
        }
    }
}
