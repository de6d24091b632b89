package org.communitycarbon.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class RegistryContractsTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-22");

    @Test
    void aHouseholdIsInABuildingAndHasAtLeastOneMember() {
        assertThatThrownBy(() -> place(PlaceKind.HOUSEHOLD, null, 3, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("buildingId: is required");
        assertThatThrownBy(() -> place(PlaceKind.HOUSEHOLD, "b01", 0, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("members: must be between 1 and 50, was 0");
        assertThatCode(() -> place(PlaceKind.HOUSEHOLD, "b01", 1, null).validate()).doesNotThrowAnyException();
    }

    @Test
    void onlyAHouseholdHasMembersAndOnlyASubsystemHasAKind() {
        assertThatThrownBy(() -> place(PlaceKind.COMMON_AREA, null, 2, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("members: must be absent except for a household");
        assertThatThrownBy(() -> place(PlaceKind.ENERGY_SUBSYSTEM, null, null, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("subsystemKind: is required");
        assertThatThrownBy(() -> place(PlaceKind.BUILDING, "b02", null, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("buildingId: must be absent for a building");
    }

    @Test
    void aCommunityHasAKnownGridRegionAndAnIanaTimeZone() {
        assertThatThrownBy(() -> community("mars", "Asia/Shanghai").validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("region: must be one of national, north-china");
        assertThatThrownBy(() -> community("national", "+08:00").validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("timeZone: must be an IANA time zone");
        assertThatThrownBy(() -> community("national", "Asia/Atlantis").validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("timeZone: must be an IANA time zone");
        assertThatCode(() -> community("central-china", "Asia/Shanghai").validate()).doesNotThrowAnyException();
    }

    @Test
    void aRetiredDeviceHasARetirementDayNotBeforeItsInstallation() {
        assertThatThrownBy(() -> device(DeviceStatus.RETIRED, null, PlaceKind.HOUSEHOLD).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("retiredOn: is required");
        assertThatThrownBy(() -> device(DeviceStatus.RETIRED, DAY.minusDays(1), PlaceKind.HOUSEHOLD).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("retiredOn: must not be before installedOn");
        assertThatThrownBy(() -> device(DeviceStatus.ACTIVE, DAY, PlaceKind.HOUSEHOLD).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("retiredOn: must be absent while the device is ACTIVE");
    }

    @Test
    void aDeviceIsNeverBoundToABuildingItself() {
        assertThatThrownBy(() -> device(DeviceStatus.ACTIVE, null, PlaceKind.BUILDING).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("binding: must be HOUSEHOLD");
    }

    @Test
    void aDeviceTypeIsNamedAsInTheMqttTopic() {
        assertThatThrownBy(() -> RegistryRules.deviceType("ELECTRICITY_METER", "deviceType"))
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("deviceType: must be one of electricity-meter, water-meter");
    }

    @Test
    void onlyAWasteBinHasACapacityAboveZeroUpTo2000KgInGrams() {
        assertThatCode(() -> bin("waste-bin", "25").validate()).doesNotThrowAnyException();
        assertThatCode(() -> bin("waste-bin", "2000.000").validate()).doesNotThrowAnyException();
        assertThatCode(() -> bin("waste-bin", null).validate()).doesNotThrowAnyException();
        assertThatThrownBy(() -> bin("electricity-meter", "25").validate())
                .isInstanceOf(ContractViolation.class).hasMessage("capacityKg: only a waste-bin has a capacity; this is an electricity-meter");
        assertThatThrownBy(() -> bin("waste-bin", "0").validate())
                .isInstanceOf(ContractViolation.class).hasMessage("capacityKg: must be above 0 and at most 2000, was 0");
        assertThatThrownBy(() -> bin("waste-bin", "2000.001").validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("capacityKg: must be above 0 and at most 2000");
        assertThatThrownBy(() -> bin("waste-bin", "25.0001").validate())
                .isInstanceOf(ContractViolation.class).hasMessage("capacityKg: must have at most 3 decimal places, was 25.0001");
        assertThatThrownBy(() -> bin("waste-bin", "1e999999999").validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("capacityKg: must be above 0 and at most 2000, was 1E+999999999");
    }

    @Test
    void readsADeviceWrittenBeforeBinsHadACapacity() {
        DeviceChanged old = JsonMapper.builder().build().readValue("""
                {"eventId":"7b4e2f36-0a55-3c8e-9d0b-4f1a2b3c4d5e","schemaVersion":1,"communityId":"maple-court",
                 "occurredAt":"2026-11-22T07:30:00Z","revision":42,"deviceId":"bin-dp1-perishable","deviceType":"waste-bin",
                 "model":"AI-SORT-4","location":null,"binding":"DROP_POINT","boundId":"dp1","status":"ACTIVE",
                 "installedOn":"2025-01-10","retiredOn":null,"replaces":null}
                """, DeviceChanged.class);

        assertThat(old.capacityKg()).isNull();
        assertThat(old.revision()).isEqualTo(42);
        old.validate();
    }

    @Test
    void onlyACommonAreaOrSubsystemOfABuildingIsItsBuildingsSupply() {
        assertThatCode(() -> supply(PlaceKind.COMMON_AREA, "b01", true).validate()).doesNotThrowAnyException();
        assertThatCode(() -> supply(PlaceKind.ENERGY_SUBSYSTEM, "b01", true).validate()).doesNotThrowAnyException();
        assertThatCode(() -> supply(PlaceKind.COMMON_AREA, null, false).validate()).doesNotThrowAnyException();
        assertThatThrownBy(() -> supply(PlaceKind.COMMON_AREA, null, true).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("buildingSupply: a building's supply belongs to a building");
        assertThatThrownBy(() -> supply(PlaceKind.DROP_POINT, "b01", true).validate())
                .isInstanceOf(ContractViolation.class).hasMessage(
                        "buildingSupply: only a common area or energy subsystem is a building's supply; this is a drop point");
    }

    @Test
    void readsAPlaceWrittenBeforeBuildingSupplies() {
        PlaceChanged old = JsonMapper.builder().build().readValue("""
                {"eventId":"7b4e2f36-0a55-3c8e-9d0b-4f1a2b3c4d5e","schemaVersion":1,"communityId":"maple-court",
                 "occurredAt":"2026-11-22T07:30:00Z","revision":7,"kind":"COMMON_AREA","placeId":"supply-b01",
                 "name":"Supply b01","buildingId":"b01","members":null,"subsystemKind":null}
                """, PlaceChanged.class);

        assertThat(old.buildingSupply()).isNull();
        assertThat(old.suppliesBuilding()).isFalse();
        old.validate();
        String written = JsonMapper.builder().build().writeValueAsString(supply(PlaceKind.COMMON_AREA, "b01", true));
        assertThat(written).contains("\"buildingSupply\":true").doesNotContain("suppliesBuilding");
    }

    private static PlaceChanged supply(PlaceKind kind, String buildingId, boolean supply) {
        return new PlaceChanged(PlaceChanged.eventIdOf("c-1", kind, "p-1", 1), 1, "c-1", AT, 1, kind, "p-1", "P 1", buildingId, null,
                kind == PlaceKind.ENERGY_SUBSYSTEM ? SubsystemKind.LIGHTING : null, supply);
    }

    private static DeviceChanged bin(String type, String capacityKg) {
        return new DeviceChanged(DeviceChanged.eventIdOf("c-1", "bin-1", 1), 1, "c-1", AT, 1, "bin-1", type, "AI-SORT-4", null,
                PlaceKind.DROP_POINT, "dp1", DeviceStatus.ACTIVE, DAY, null, null, capacityKg == null ? null : new BigDecimal(capacityKg));
    }

    private static PlaceChanged place(PlaceKind kind, String buildingId, Integer members, SubsystemKind subsystemKind) {
        return new PlaceChanged(PlaceChanged.eventIdOf("c-1", kind, "p-1", 1), 1, "c-1", AT, 1, kind, "p-1", "P 1",
                buildingId, members, subsystemKind);
    }

    private static CommunityChanged community(String region, String zone) {
        return new CommunityChanged(CommunityChanged.eventIdOf("c-1", 1), 1, "c-1", AT, 1, "C 1", CommunityType.OLDER, region, zone);
    }

    private static DeviceChanged device(DeviceStatus status, LocalDate retiredOn, PlaceKind binding) {
        return new DeviceChanged(DeviceChanged.eventIdOf("c-1", "em-1", 1), 1, "c-1", AT, 1, "em-1", "electricity-meter",
                "DDZY666", null, binding, "b01-0101", status, DAY, retiredOn, null);
    }
}
