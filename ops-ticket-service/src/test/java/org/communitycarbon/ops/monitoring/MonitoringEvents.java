package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/** Test data: the registry's and the sensing service's events as they are published, with fresh ids per test. */
final class MonitoringEvents {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private MonitoringEvents() {
    }

    static String community() {
        return "c-" + UUID.randomUUID();
    }

    /** Yesterday in Shanghai: every instant of it is less than 48 hours ago. */
    static LocalDate yesterday() {
        return LocalDate.now(SHANGHAI).minusDays(1);
    }

    /** A local time of yesterday in Shanghai. */
    static Instant yesterdayAt(String localTime) {
        return yesterday().atTime(LocalTime.parse(localTime)).atZone(SHANGHAI).toInstant();
    }

    static CommunityChanged shanghai(String community) {
        return new CommunityChanged(CommunityChanged.eventIdOf(community, 1), CommunityChanged.SCHEMA_VERSION, community,
                Instant.now(), 1, "Test community", CommunityType.OLDER, "east-china", "Asia/Shanghai");
    }

    static PlaceChanged place(String community, PlaceKind kind, String id, @Nullable String building,
            @Nullable SubsystemKind subsystem) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, kind, id, 1), PlaceChanged.SCHEMA_VERSION, community,
                Instant.now(), 1, kind, id, "Place " + id, building, null, subsystem);
    }

    /** A common area or subsystem at a revision, marked or not as its building's supply (its meter the master meter). */
    static PlaceChanged place(String community, PlaceKind kind, String id, String building, @Nullable SubsystemKind subsystem,
            long revision, boolean buildingSupply) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, kind, id, revision), PlaceChanged.SCHEMA_VERSION, community,
                Instant.now(), revision, kind, id, "Place " + id, building, null, subsystem, buildingSupply);
    }

    static MeterReadingReceived reading(String community, String device, MeterType type, String area, Instant at, String register) {
        return new MeterReadingReceived(EventIds.of(community, device, "reading", at.toString()),
                MeterReadingReceived.SCHEMA_VERSION, community, at, at.plusMillis(200), device, type, null, area,
                Quantity.of(register, type.registerUnit()));
    }

    static MeterReadingReceived householdReading(String community, String device, String household, Instant at, String register) {
        return new MeterReadingReceived(EventIds.of(community, device, "reading", at.toString()),
                MeterReadingReceived.SCHEMA_VERSION, community, at, at.plusMillis(200), device, MeterType.ELECTRICITY, household,
                null, Quantity.of(register, Unit.KWH));
    }

    static EnvironmentObserved pm25(String community, String device, String area, Instant at, String value) {
        return new EnvironmentObserved(EventIds.of(community, device, "reading", at.toString()),
                EnvironmentObserved.SCHEMA_VERSION, community, at, at.plusMillis(200), device, area,
                Quantity.of("12.5", Unit.CELSIUS), null, Quantity.of(new BigDecimal(value), Unit.MICROGRAM_PER_M3), null, null);
    }

    static EnvironmentObserved noise(String community, String device, String area, Instant at, String value) {
        return new EnvironmentObserved(EventIds.of(community, device, "reading", at.toString()),
                EnvironmentObserved.SCHEMA_VERSION, community, at, at.plusMillis(200), device, area, null, null, null, null,
                Quantity.of(new BigDecimal(value), Unit.DECIBEL_A));
    }
}
