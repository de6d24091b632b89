package org.communitycarbon.model.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

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
