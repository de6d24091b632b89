package org.communitycarbon.accounting.methodology;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The published factors, and which of them prices an activity of a community at a time: the methodology
 * assigned to the community then (else the default), its published version in force on that local date, and
 * that version's factor of the kind — for the community's grid region, else national, else for all.
 *
 * <p>Published versions never change, so a factor named by its id means the same for ever; the catalog holds
 * them in memory. New versions, assignments and registry changes made by this instance are seen at once
 * ({@link #refresh()}); those of other instances within {@link #MAX_AGE}. A figure recorded in between names
 * the factor it did use, so it stays true.
 */
@Component
public class FactorCatalog {

    /** How long another instance's publication may stay unseen. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final String NATIONAL = "national";

    private final JdbcClient jdbc;
    private final AccountingSettings settings;
    private final Clock clock;
    private volatile @Nullable Snapshot snapshot;

    FactorCatalog(JdbcClient jdbc, AccountingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The factor that prices what a meter of a community measured at a time, if its version has one. */
    public Optional<Factor> emissionFactor(String communityId, MeterType type, Instant at) {
        Snapshot current = current();
        return current.factor(communityId, FactorKind.emissionsOf(type), current.regionOf(communityId), at);
    }

    /** The factor of a behaviour of a community at a time, for a mode or category ({@code ""} for none). */
    public Optional<Factor> behaviourFactor(String communityId, FactorKind kind, String appliesTo, Instant at) {
        return current().factor(communityId, kind, appliesTo, at);
    }

    /** A factor by the id a figure recorded. */
    public Optional<Factor> byId(long id) {
        Factor factor = current().factors.get(id);
        if (factor == null) {
            refresh(); // published by another instance a moment ago
            factor = current().factors.get(id);
        }
        return Optional.ofNullable(factor);
    }

    /** The methodology a community uses at a time. */
    public String methodologyOf(String communityId, Instant at) {
        return current().methodologyOf(communityId, at);
    }

    /** The published version of a methodology in force for a community at a time. */
    public Optional<VersionKey> versionOf(String communityId, Instant at) {
        Snapshot current = current();
        return current.version(current.methodologyOf(communityId, at), current.localDate(communityId, at))
                .map(v -> new VersionKey(v.methodologyId, v.version));
    }

    /** The grid region a community's electricity is priced for: the registry's, or national until it is known. */
    public String regionOf(String communityId) {
        return current().regionOf(communityId);
    }

    /** The time zone a community's days are counted in: the registry's, or {@code accounting.time-zone} until it is known. */
    public ZoneId zoneOf(String communityId) {
        return current().zoneOf(communityId);
    }

    /** The community's type in the registry ({@code OLDER}, {@code NEW_COMMERCIAL}...), if the registry has told it. */
    public Optional<String> typeOf(String communityId) {
        Community community = current().communities().get(communityId);
        return community == null ? Optional.empty() : Optional.of(community.type());
    }

    /**
     * A published version by its number, with its dates: what a restatement prices history with, whatever the community
     * uses.
     */
    public Optional<PublishedVersion> published(String methodologyId, int version) {
        Optional<PublishedVersion> found = current().published(methodologyId, version);
        if (found.isEmpty()) {
            refresh(); // published by another instance a moment ago
            found = current().published(methodologyId, version);
        }
        return found;
    }

    /**
     * The factor of a kind that a given published version holds for {@code appliesTo} (a grid region, a mode), else its
     * {@code national} factor, else its factor for all — the same choice as for the version in force.
     */
    public Optional<Factor> factorOf(String methodologyId, int version, FactorKind kind, String appliesTo) {
        return current().versions.getOrDefault(methodologyId, List.of()).stream().filter(v -> v.version() == version).findFirst()
                .flatMap(v -> Snapshot.factorIn(v, kind, appliesTo));
    }

    /** A published version of a methodology and the local days it prices, {@code [effectiveFrom, effectiveUntil)}. */
    public record PublishedVersion(String methodologyId, int version, LocalDate effectiveFrom, @Nullable LocalDate effectiveUntil) {
    }

    /** A methodology and one of its version numbers. */
    public record VersionKey(String methodologyId, int version) {
    }

    /** A default methodology without a published version would price nothing: refuse to start with one. */
    @EventListener(ApplicationReadyEvent.class)
    void checkDefaultMethodology() {
        refresh();
        Snapshot current = current();
        if (current.versions.getOrDefault(settings.defaultMethodology(), List.of()).isEmpty()) {
            throw new IllegalStateException("accounting.default-methodology '" + settings.defaultMethodology()
                    + "' has no published version; methodologies with one: " + current.versions.keySet());
        }
    }

    /** Reads everything again; after this instance changed methodologies, assignments or communities. */
    public void refresh() {
        snapshot = load();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt.plus(MAX_AGE).isBefore(clock.instant())) {
            synchronized (this) {
                current = snapshot;
                if (current == null || current.loadedAt.plus(MAX_AGE).isBefore(clock.instant())) {
                    current = load();
                    snapshot = current;
                }
            }
        }
        return current;
    }

    private Snapshot load() {
        Instant now = clock.instant();
        Map<Long, Version> versions = new HashMap<>();
        jdbc.sql("""
                SELECT id, methodology_id, version, effective_from, effective_until FROM methodology_version
                WHERE published_at IS NOT NULL""")
                .query((rs, n) -> new Version(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class), new HashMap<>()))
                .list().forEach(v -> versions.put(v.id, v));
        Map<Long, Factor> factors = new HashMap<>();
        jdbc.sql("""
                SELECT f.id, f.version_id, f.kind, f.applies_to, f.value, f.per_quantity, f.per_unit, f.gas, f.source_document,
                       f.source_table, f.source_year, f.uncertain
                FROM methodology_factor f""")
                .query(rs -> {
                    Version version = versions.get(rs.getLong(2));
                    FactorKind kind = kind(rs.getString(3));
                    if (version == null || kind == null) {
                        return; // a kind a newer instance knows
                    }
                    Factor factor = new Factor(rs.getLong(1), version.methodologyId, version.version, kind, rs.getString(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), Unit.valueOf(rs.getString(7)), Gas.valueOf(rs.getString(8)),
                            new Factor.Source(rs.getString(9), rs.getString(10), (Integer) rs.getObject(11)), rs.getBoolean(12));
                    factors.put(factor.id(), factor);
                    version.factors.put(kind + "/" + factor.appliesTo(), factor);
                });
        Map<String, List<Version>> byMethodology = new HashMap<>();
        for (Version version : versions.values()) {
            byMethodology.computeIfAbsent(version.methodologyId, k -> new ArrayList<>()).add(version);
        }
        Map<String, NavigableMap<Instant, String>> assignments = new HashMap<>();
        jdbc.sql("SELECT community_id, effective_from, methodology_id FROM methodology_assignment")
                .query(rs -> {
                    assignments.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getTimestamp(2).toInstant(), rs.getString(3));
                });
        Map<String, Community> communities = new HashMap<>();
        jdbc.sql("SELECT id, region, time_zone, community_type FROM community")
                .query(rs -> {
                    communities.put(rs.getString(1), new Community(rs.getString(2), zone(rs.getString(3)), rs.getString(4)));
                });
        return new Snapshot(now, settings.defaultMethodology(), settings.timeZone(), byMethodology, factors, assignments, communities);
    }

    private static @Nullable FactorKind kind(String name) {
        try {
            return FactorKind.valueOf(name);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private @Nullable ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    private record Version(long id, String methodologyId, int version, LocalDate from, @Nullable LocalDate until,
            Map<String, Factor> factors) {

        boolean inForceOn(LocalDate day) {
            return !from.isAfter(day) && (until == null || until.isAfter(day));
        }
    }

    private record Community(String region, @Nullable ZoneId zone, String type) {
    }

    private record Snapshot(Instant loadedAt, String defaultMethodology, ZoneId defaultZone, Map<String, List<Version>> versions,
            Map<Long, Factor> factors, Map<String, NavigableMap<Instant, String>> assignments, Map<String, Community> communities) {

        String methodologyOf(String communityId, Instant at) {
            NavigableMap<Instant, String> history = assignments.get(communityId);
            Map.Entry<Instant, String> assigned = history == null ? null : history.floorEntry(at);
            return assigned == null ? defaultMethodology : assigned.getValue();
        }

        String regionOf(String communityId) {
            Community community = communities.get(communityId);
            return community == null ? NATIONAL : community.region();
        }

        LocalDate localDate(String communityId, Instant at) {
            return LocalDate.ofInstant(at, zoneOf(communityId));
        }

        ZoneId zoneOf(String communityId) {
            Community community = communities.get(communityId);
            return community == null || community.zone() == null ? defaultZone : community.zone();
        }

        /**
         * The version in force on a day: of those whose dates include it, the latest to start (and of two starting
         * the same day, the higher number, published later); before the first version, the first.
         */
        Optional<Version> version(String methodologyId, LocalDate day) {
            List<Version> all = versions.getOrDefault(methodologyId, List.of());
            Comparator<Version> order = Comparator.comparing(Version::from).thenComparingInt(Version::version);
            Optional<Version> inForce = all.stream().filter(v -> v.inForceOn(day)).max(order);
            if (inForce.isPresent()) {
                return inForce;
            }
            return all.stream().filter(v -> v.from().isAfter(day)).min(order);
        }

        Optional<Factor> factor(String communityId, FactorKind kind, String appliesTo, Instant at) {
            return version(methodologyOf(communityId, at), localDate(communityId, at)).flatMap(v -> factorIn(v, kind, appliesTo));
        }

        Optional<PublishedVersion> published(String methodologyId, int number) {
            return versions.getOrDefault(methodologyId, List.of()).stream().filter(v -> v.version() == number).findFirst()
                    .map(v -> new PublishedVersion(v.methodologyId(), v.version(), v.from(), v.until()));
        }

        /** A version's factor of the kind for {@code appliesTo}, else {@code national}, else for all. */
        static Optional<Factor> factorIn(Version v, FactorKind kind, String appliesTo) {
            Factor factor = v.factors().get(kind + "/" + appliesTo);
            if (factor == null) {
                factor = v.factors().get(kind + "/" + NATIONAL);
            }
            if (factor == null) {
                factor = v.factors().get(kind + "/");
            }
            return Optional.ofNullable(factor);
        }
    }
}
