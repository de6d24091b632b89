package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.DeviceType;
import org.junit.jupiter.api.Test;

class CommunityLayoutTest {

    private static final Instant START = local("2026-03-10T10:00");

    @Test
    void theReferenceDeploymentHasAboutTwelveHundredDevices() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        assertThat(community.devicesByType()).containsExactly(
                // households, the plaza and the clubhouse, lighting (paths and each building's stairwells), lifts, pumps, and
                // each building's master meter
                Map.entry(DeviceType.ELECTRICITY_METER, 8 * 48 + 2 + (1 + 8) + 1 + 1 + 8),
                Map.entry(DeviceType.WATER_METER, 8 * 48),
                Map.entry(DeviceType.GAS_METER, 8 * 48),
                Map.entry(DeviceType.PV_METER, 8),
                Map.entry(DeviceType.WASTE_BIN, 12),
                Map.entry(DeviceType.ENVIRONMENT_SENSOR, 8 + 2),
                Map.entry(DeviceType.LIGHTING_CONTROLLER, 1 + 8),
                Map.entry(DeviceType.LOAD_CONTROLLER, 1),
                // a recycling scale speaks only when a collector weighs a pickup; the simulator books none
                Map.entry(DeviceType.RECYCLING_SCALE, 0));
        assertThat(community.devices()).hasSize(1_213);
        assertThat(community.households()).hasSize(384);
    }

    @Test
    void householdsAreNumberedByBuildingFloorAndUnit() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        List<String> ids = community.households().stream().map(Household::id).toList();
        assertThat(ids.get(0)).isEqualTo("b01-0101");
        assertThat(ids.get(8)).isEqualTo("b01-0201");
        assertThat(ids.get(47)).isEqualTo("b01-0608");
        assertThat(ids.get(383)).isEqualTo("b08-0608");
        assertThat(community.device("em-b01-0101")).isPresent();
        assertThat(community.device("wm-b03-0405")).isPresent();
        assertThat(community.device("gm-b08-0608")).isPresent();
        assertThat(community.device("pv-b05")).isPresent();
        assertThat(community.device("env-b02")).isPresent();
        assertThat(community.device("em-plaza")).isPresent();
        assertThat(community.device("env-clubhouse")).isPresent();
        assertThat(community.device("bin-dp3-hazardous")).isPresent();
    }

    @Test
    void everyDeviceIdIsUniqueAndFitsInATopic() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        List<String> ids = community.devices().stream().map(SimulatedDevice::deviceId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        ids.forEach(id -> Require.identifier(id, "deviceId"));
    }

    @Test
    void buildingsGoToTheirNearestDropPoint() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        Map<String, List<String>> buildingsByDropPoint = community.households().stream()
                .collect(Collectors.groupingBy(Household::dropPointId, java.util.TreeMap::new,
                        Collectors.mapping(Household::buildingId, Collectors.collectingAndThen(Collectors.toCollection(
                                java.util.TreeSet::new), ArrayList::new))));
        assertThat(buildingsByDropPoint).containsExactly(
                Map.entry("dp1", List.of("b01", "b02", "b03")),
                Map.entry("dp2", List.of("b04", "b05", "b06")),
                Map.entry("dp3", List.of("b07", "b08")));
    }

    @Test
    void aSmallLayoutKeepsEveryKindOfDevice() {
        CommunitySpec spec = CommunitySpec.builder().buildings(1).householdsPerBuilding(2).build();

        Community community = Community.create(spec, START);

        assertThat(community.households()).extracting(Household::id).containsExactly("b01-0101", "b01-0201");
        assertThat(community.devicesByType().entrySet()).filteredOn(type -> type.getKey() != DeviceType.RECYCLING_SCALE)
                .allMatch(type -> type.getValue() > 0);
        assertThat(community.devices()).hasSize(2 * 3 + 1 + 2 + 1 + 2 + 12 + 2 * 2 + 1 + 2 + 1);
    }

    @Test
    void theSameSeedGivesTheSameCommunityAndReadings() {
        List<Ticks.Sent> first = Ticks.run(Community.create(CommunitySpec.defaults(), START), device -> true, START,
                START.plusSeconds(120));
        List<Ticks.Sent> second = Ticks.run(Community.create(CommunitySpec.defaults(), START), device -> true, START,
                START.plusSeconds(120));

        assertThat(second).isEqualTo(first);
        assertThat(Community.create(CommunitySpec.defaults(), START).devices()).extracting(SimulatedDevice::phase)
                .isEqualTo(Community.create(CommunitySpec.defaults(), START).devices().stream().map(SimulatedDevice::phase).toList());
    }

    @Test
    void anotherSeedGivesOtherReadings() {
        Community one = Community.create(CommunitySpec.defaults(), START);
        Community other = Community.create(CommunitySpec.builder().seed(7).build(), START);

        assertThat(((Meter) other.device("em-b01-0101").orElseThrow()).registerAt(START))
                .isNotEqualTo(((Meter) one.device("em-b01-0101").orElseThrow()).registerAt(START));
    }

    @Test
    void devicesKnowTheirBuildingAsTheRegistryPlacesThem() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        assertThat(community.buildingIds()).containsExactly("b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08");
        assertThat(buildingOf(community, "em-b03-0405")).isEqualTo("b03");
        assertThat(buildingOf(community, "gm-b03-0101")).isEqualTo("b03");
        assertThat(buildingOf(community, "pv-b03")).isEqualTo("b03");
        assertThat(buildingOf(community, "env-b03")).isEqualTo("b03");
        assertThat(buildingOf(community, "em-supply-b03")).isEqualTo("b03");
        assertThat(buildingOf(community, "em-plaza")).isNull();
        assertThat(buildingOf(community, "env-clubhouse")).isNull();
        assertThat(buildingOf(community, "bin-dp1-perishable")).isNull();
        assertThat(community.devices()).filteredOn(device -> "b03".equals(device.installation().buildingId()))
                .hasSize(48 * 3 + 3);
        Inventory inventory = Inventory.of(community);
        assertThat(inventory.places()).filteredOn(place -> place.id().equals("lobby-b03")).singleElement()
                .extracting(Inventory.Place::buildingId).isEqualTo("b03");
    }

    private static String buildingOf(Community community, String deviceId) {
        return community.device(deviceId).orElseThrow().installation().buildingId();
    }
}
