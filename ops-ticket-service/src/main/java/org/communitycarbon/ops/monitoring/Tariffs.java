package org.communitycarbon.ops.monitoring;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time-of-use tariff versions per community. A version is never changed or removed (the tables refuse it): a new tariff
 * is a new version from a later day, so the cost of earlier days stays what it was. A property manager adds versions
 * from tomorrow (in the community's time zone) on; an admin may also add one for an earlier day that has none, to load
 * the tariffs in force before the platform.
 */
@Service
class Tariffs {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Clock clock;

    Tariffs(JdbcClient jdbc, Registry registry, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
    }

    /** A community's versions, oldest first. */
    @Transactional(readOnly = true)
    List<TariffView> list(String communityId) {
        Map<LocalDate, TariffView> versions = new LinkedHashMap<>();
        jdbc.sql("SELECT effective_from, created_at, created_by FROM tariff_version WHERE community_id = ? ORDER BY effective_from")
                .param(communityId)
                .query(rs -> {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    versions.put(day, new TariffView(day, "CNY", new ArrayList<>(), rs.getTimestamp(2).toInstant(),
                            rs.getString(3)));
                });
        jdbc.sql("""
                SELECT effective_from, period, from_hour, to_hour, price FROM tariff_period WHERE community_id = ?
                ORDER BY effective_from, from_hour""")
                .param(communityId)
                .query(rs -> {
                    versions.get(rs.getDate(1).toLocalDate()).periods().add(new TariffSchedule.Range(
                            TariffSchedule.Period.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5)));
                });
        return List.copyOf(versions.values());
    }

    /** The schedule that prices a community's hours. */
    TariffSchedule schedule(String communityId) {
        return new TariffSchedule(list(communityId).stream()
                .map(v -> new TariffSchedule.Version(v.effectiveFrom(), v.periods())).toList());
    }

    @Transactional
    TariffView add(Caller caller, String communityId, TariffRequest request) {
        LocalDate effectiveFrom = Require.present(request.effectiveFrom(), "effectiveFrom");
        LocalDate today = LocalDate.now(clock.withZone(registry.zone(communityId)));
        if (effectiveFrom.isBefore(EARLIEST) || effectiveFrom.isAfter(today.plusYears(10))) {
            throw new ContractViolation("effectiveFrom", "must be between " + EARLIEST + " and ten years from today, was " + effectiveFrom);
        }
        if (!effectiveFrom.isAfter(today) && !caller.has(Role.ADMIN)) {
            throw new ContractViolation("effectiveFrom", "must be after today (" + today + ", " + registry.zone(communityId)
                    + "): a new tariff never reprices hours that have begun");
        }
        List<TariffSchedule.Range> ranges = TariffSchedule.check(request.periods());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.sql("INSERT INTO tariff_version (community_id, effective_from, created_at, created_by) VALUES (?, ?, ?, ?)")
                    .params(communityId, Date.valueOf(effectiveFrom), Timestamp.from(now), Texts.bounded(caller.subject(), 128))
                    .update();
        }
        catch (DuplicateKeyException e) {
            throw new ConflictException("Community " + communityId + " already has a tariff from " + effectiveFrom
                    + "; versions are never changed: add one from a later day");
        }
        for (TariffSchedule.Range range : ranges) {
            jdbc.sql("""
                    INSERT INTO tariff_period (community_id, effective_from, from_hour, to_hour, period, price)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(communityId, Date.valueOf(effectiveFrom), range.fromHour(), range.toHour(), range.period().name(),
                            range.pricePerKwh())
                    .update();
        }
        return new TariffView(effectiveFrom, "CNY", ranges, now, Texts.bounded(caller.subject(), 128));
    }

    /**
     * A tariff version.
     *
     * @param currency always CNY
     * @param periods the hour ranges, in the community's time zone, covering the day
     */
    record TariffView(LocalDate effectiveFrom, String currency, List<TariffSchedule.Range> periods, Instant createdAt,
            String createdBy) {
    }

    /**
     * A new tariff version.
     *
     * @param effectiveFrom the local day it takes effect: after today for a property manager
     * @param periods 1 to 24 hour ranges covering 0 to 24, each {@code {period, fromHour, toHour, pricePerKwh}}
     */
    record TariffRequest(@Nullable LocalDate effectiveFrom, @Nullable List<TariffSchedule.@Nullable Range> periods) {
    }
}
