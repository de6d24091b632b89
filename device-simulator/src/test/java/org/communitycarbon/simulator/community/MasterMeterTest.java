package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.sensing.MeterType;
import org.junit.jupiter.api.Test;

class MasterMeterTest {

    /** Evening, so the stairwell lighting comes on at 18:00 and goes off at 06:00 within the run. */
    private static final Instant START = local("2026-03-10T16:00");

    @Test
    void eachBuildingHasAMasterMeterOnItsIncomingSupply() {
        Community community = Community.create(CommunitySpec.defaults(), START);

        assertThat(community.masterMeters()).extracting(MasterMeter::deviceId)
                .containsExactly("em-supply-b01", "em-supply-b02", "em-supply-b03", "em-supply-b04", "em-supply-b05", "em-supply-b06",
                        "em-supply-b07", "em-supply-b08");
        MasterMeter b02 = community.masterMeters().get(1);
        assertThat(b02.type()).isEqualTo(DeviceType.ELECTRICITY_METER);
        assertThat(b02.loss()).isEqualTo(0.02);
        assertThat(b02.installation().boundKind()).isEqualTo(PlaceKind.COMMON_AREA);
        assertThat(b02.installation().boundId()).isEqualTo("supply-b02");
        assertThat(b02.installation().buildingId()).isEqualTo("b02");
        assertThat(b02.households()).hasSize(48).allSatisfy(meter -> assertThat(meter.householdId()).startsWith("b02-"));
        // registered as a common area of its building, like its roof and lobby
        assertThat(Inventory.of(community).places()).filteredOn(place -> place.id().equals("supply-b02")).singleElement()
                .satisfies(place -> {
                    assertThat(place.kind()).isEqualTo(PlaceKind.COMMON_AREA);
                    assertThat(place.buildingId()).isEqualTo("b02");
                    assertThat(place.name()).isEqualTo("Incoming supply of building 2");
                });
        assertThat(Inventory.of(community).devices()).filteredOn(device -> device.id().equals("em-supply-b02")).singleElement()
                .satisfies(device -> assertThat(device.boundId()).isEqualTo("supply-b02"));
    }

    @Test
    void aBuildingsMasterMeterCountsItsHouseholdsAndStairwellLightingTimesOnePlusTheLossOverARun() {
        Community community = Community.create(CommunitySpec.builder().masterMeterLoss(0.025).build(), START);
        MasterMeter master = community.masterMeters().get(1);
        // the building's households' electricity meters and its stairwell lighting's, as the platform's registry places them
        List<SimulatedDevice> submeters = community.devices().stream()
                .filter(device -> device.type() == DeviceType.ELECTRICITY_METER && !device.deviceId().equals(master.deviceId()))
                .filter(device -> "b02".equals(device.installation().buildingId()) || device.deviceId().equals("em-lighting-b02"))
                .toList();
        assertThat(submeters).hasSize(48 + 1);
        List<SimulatedDevice> building = new ArrayList<>(submeters);
        building.add(master);

        // 26 simulated hours, every device once a minute at its phase, all of them in simulated-time order as the simulator does
        Map<String, List<BigDecimal>> published = run(building, START, START.plus(Duration.ofHours(26)));

        BigDecimal submetered = BigDecimal.ZERO;
        for (SimulatedDevice submeter : submeters) {
            submetered = submetered.add(counted(published.get(submeter.deviceId())));
        }
        BigDecimal measured = counted(published.get(master.deviceId()));
        // a day of a building of 48 households: some 430 kWh, the lighting about 15 kWh of it
        assertThat(submetered).isBetween(new BigDecimal("250"), new BigDecimal("700"));
        assertThat(counted(published.get("em-lighting-b02"))).isGreaterThan(new BigDecimal("10"));
        // what the master counted is the submeters' sum × 1.025: the edges of the run differ by less than 0.02 %
        assertThat(measured.doubleValue()).isCloseTo(submetered.doubleValue() * 1.025, within(submetered.doubleValue() * 0.0002));
        // so accounting's difference, (master − submetered) ÷ master, shows the loss: 0.025 ÷ 1.025 = 2.44 %
        double differencePercent = (measured.doubleValue() - submetered.doubleValue()) / measured.doubleValue() * 100;
        assertThat(differencePercent).isCloseTo(2.44, within(0.02));
    }

    @Test
    void atEachReadingTheRegisterIsTheSubmetersSumAtThatInstantTimesOnePlusTheLoss() {
        Community community = Community.create(CommunitySpec.builder().masterMeterLoss(0.01).build(), START);
        MasterMeter master = community.masterMeters().get(0);
        LightingCircuit stairwells = community.lighting().stream().filter(c -> c.subsystemId().equals("lighting-b01")).findFirst()
                .orElseThrow();

        for (Instant at = START; at.isBefore(START.plus(Duration.ofHours(6))); at = at.plus(Duration.ofMinutes(7))) {
            BigDecimal register = master.registerAt(at);
            BigDecimal sum = stairwells.subsystemMeter().registerAt(at);
            for (Meter household : master.households()) {
                sum = sum.add(household.registerAt(at));
            }
            assertThat(register).as("at %s", at).isEqualByComparingTo(sum.multiply(new BigDecimal("1.01")).setScale(3, RoundingMode.DOWN));
        }
    }

    @Test
    void withoutLossTheMasterMeterCountsWhatItsSubmetersCount() {
        Community community = Community.create(CommunitySpec.builder().masterMeterLoss(0).build(), START);
        MasterMeter master = community.masterMeters().get(7);
        List<SimulatedDevice> building = new ArrayList<>(community.devices().stream()
                .filter(device -> device.type() == DeviceType.ELECTRICITY_METER)
                .filter(device -> "b08".equals(device.installation().buildingId()) || device.deviceId().equals("em-lighting-b08"))
                .toList());

        Map<String, List<BigDecimal>> published = run(building, START, START.plus(Duration.ofHours(3)));

        BigDecimal submetered = published.entrySet().stream().filter(e -> !e.getKey().equals(master.deviceId()))
                .map(e -> counted(e.getValue())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(counted(published.get(master.deviceId())).doubleValue()).isCloseTo(submetered.doubleValue(),
                within(submetered.doubleValue() * 0.002));
    }

    /**
     * Lets the devices report once a simulated minute at their phases, in simulated-time order as the simulator's one
     * thread does, and returns each one's published registers in order.
     */
    private static Map<String, List<BigDecimal>> run(List<SimulatedDevice> devices, Instant from, Instant to) {
        record Turn(Instant at, SimulatedDevice device) {
        }
        List<Turn> turns = new ArrayList<>();
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            for (SimulatedDevice device : devices) {
                turns.add(new Turn(minute.plusMillis(Math.round(device.phase() * 60_000)), device));
            }
        }
        turns.sort(Comparator.comparing(Turn::at));
        Map<String, List<BigDecimal>> registers = new LinkedHashMap<>();
        List<Publication> out = new ArrayList<>();
        for (Turn turn : turns) {
            out.clear();
            turn.device().report(turn.at(), turn.at(), out);
            for (Publication publication : out) {
                DeviceTopic topic = publication.topic();
                assertThat(topic.message()).isEqualTo(DeviceMessage.READING);
                BigDecimal register = ((MeterReadingMessage) publication.payload()).register(MeterType.ELECTRICITY);
                registers.computeIfAbsent(topic.deviceId(), id -> new ArrayList<>()).add(register);
            }
        }
        return registers;
    }

    /** What a meter's readings count: the last register less the first, as the platform sums the deltas between them. */
    private static BigDecimal counted(List<BigDecimal> registers) {
        return registers.get(registers.size() - 1).subtract(registers.get(0));
    }
}
