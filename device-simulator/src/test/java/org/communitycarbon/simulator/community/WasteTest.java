package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.Ticks.Sent;
import org.junit.jupiter.api.Test;

class WasteTest {

    private static final Instant START = local("2026-03-10T00:00");
    private static final Instant DAYS_LATER = START.plus(Duration.ofDays(4));

    private final Community community = Community.create(CommunitySpec.defaults(), START);
    private final List<Sent> sent = Ticks.run(community, device -> device.type() == DeviceType.WASTE_BIN, START, DAYS_LATER);

    @Test
    void depositsHappenOnlyWhileTheDropPointsAreOpen() {
        List<Sent> deposits = deposits();

        assertThat(deposits).hasSizeGreaterThan(4 * 2 * 300);
        assertThat(deposits).allSatisfy(deposit -> assertThat(community.schedule().isOpen(deposit.simulatedAt()))
                .as("deposit at %s", deposit.simulatedAt().atZone(Ticks.SHANGHAI)).isTrue());
        assertThat(deposits).extracting(deposit -> ((WasteDepositMessage) deposit.publication().payload()).wasteKind())
                .contains(WasteKind.PERISHABLE, WasteKind.RESIDUAL, WasteKind.RECYCLABLE);
    }

    @Test
    void depositsGoToTheBinOfTheirKindAtTheHouseholdsDropPoint() {
        for (Sent deposit : deposits()) {
            WasteDepositMessage message = (WasteDepositMessage) deposit.publication().payload();
            Household household = community.households().stream().filter(h -> h.id().equals(message.householdId()))
                    .findFirst().orElseThrow();
            assertThat(deposit.publication().topic().deviceId())
                    .isEqualTo(SortingBin.deviceId(household.dropPointId(), message.wasteKind()));
        }
    }

    @Test
    void binsAreEmptyRightAfterEachCollection() {
        for (String day : List.of("2026-03-10", "2026-03-11", "2026-03-12")) {
            for (String collection : List.of("09:30", "20:30")) {
                Instant collectedAt = local(day + "T" + collection);
                List<Sent> justBefore = statuses(collectedAt.minus(Duration.ofMinutes(1)), collectedAt);
                List<Sent> justAfter = statuses(collectedAt, collectedAt.plus(Duration.ofMinutes(1)));
                assertThat(justBefore).hasSize(12);
                assertThat(justBefore).anySatisfy(status -> assertThat(level(status)).isPositive());
                assertThat(justAfter).hasSize(12).allSatisfy(status -> assertThat(level(status)).isZero());
            }
        }
    }

    @Test
    void perishableBinsOverflowInTheEveningWindow() {
        for (String day : List.of("2026-03-10", "2026-03-11", "2026-03-12")) {
            List<Sent> evening = statuses(local(day + "T18:00"), local(day + "T20:00"));
            long overflowing = evening.stream()
                    .filter(status -> ((BinStatusMessage) status.publication().payload()).wasteKind() == WasteKind.PERISHABLE)
                    .filter(status -> level(status).compareTo(new BigDecimal("0.8")) >= 0)
                    .map(status -> status.publication().topic().deviceId())
                    .distinct().count();
            assertThat(overflowing).as("perishable bins above 0.8 on the evening of %s", day).isBetween(1L, 3L);

            List<Sent> morning = statuses(local(day + "T07:00"), local(day + "T09:30"));
            assertThat(morning).allSatisfy(status -> assertThat(level(status)).isLessThan(new BigDecimal("0.8")));
        }
    }

    @Test
    void fillingLevelNeverExceedsOne() {
        Community tiny = Community.create(CommunitySpec.builder().binCapacityKg(WasteKind.PERISHABLE, 5).build(), START);

        List<Sent> statuses = Ticks.run(tiny, device -> device.deviceId().equals("bin-dp1-perishable"), START,
                local("2026-03-10T20:00"));

        assertThat(statuses).filteredOn(status -> status.publication().topic().message() == DeviceMessage.STATUS)
                .allSatisfy(status -> assertThat(level(status)).isBetween(BigDecimal.ZERO, BigDecimal.ONE))
                .anySatisfy(status -> assertThat(level(status)).isEqualByComparingTo("1"));
    }

    @Test
    void householdsBringHalfAKiloOfPerishableWasteADayAndMostlySortItRight() {
        List<WasteDepositMessage> deposits = deposits().stream()
                .map(deposit -> (WasteDepositMessage) deposit.publication().payload()).toList();
        List<WasteDepositMessage> perishable = deposits.stream()
                .filter(deposit -> deposit.wasteKind() == WasteKind.PERISHABLE).toList();

        double kilograms = perishable.stream().mapToDouble(deposit -> deposit.weight().doubleValue()).sum();
        assertThat(kilograms / community.households().size() / 4).isCloseTo(0.5, within(0.06));

        double windows = 4 * 2 * community.households().size();
        assertThat(perishable.size() / windows).as("participation").isCloseTo(0.92, within(0.02));

        // the household's accuracy, less the 2 % the cameras see as another kind
        double correct = deposits.stream().filter(WasteDepositMessage::correctlySorted).count();
        assertThat(correct / deposits.size()).as("sorting accuracy").isCloseTo(0.90 * 0.98, within(0.02));
    }

    @Test
    void aSmallShareOfDepositsIsRecognisedAsAnotherKindAndEveryRecognitionAgreesWithTheJudgement() {
        List<WasteDepositMessage> deposits = deposits().stream()
                .map(deposit -> (WasteDepositMessage) deposit.publication().payload()).toList();

        double missorted = deposits.stream()
                .filter(deposit -> deposit.detectedKind() != null && deposit.detectedKind() != deposit.wasteKind()).count();
        assertThat(missorted / deposits.size()).as("missort share").isCloseTo(0.02, within(0.006));
        assertThat(deposits).allSatisfy(deposit -> {
            if (deposit.detectedKind() != null) {
                assertThat(deposit.correctlySorted()).isEqualTo(deposit.detectedKind() == deposit.wasteKind());
            }
            else {
                assertThat(deposit.correctlySorted()).isFalse();
            }
        });
        // deposits the household sorted right are recognised as the bin's kind
        assertThat(deposits).filteredOn(WasteDepositMessage::correctlySorted)
                .allSatisfy(deposit -> assertThat(deposit.detectedKind()).isEqualTo(deposit.wasteKind()));

        Community careful = Community.create(CommunitySpec.builder().missortShare(0).build(), START);
        List<Sent> none = Ticks.run(careful, device -> device.deviceId().equals("bin-dp1-residual"), START,
                local("2026-03-11T00:00"));
        assertThat(none).filteredOn(s -> s.publication().topic().message() == DeviceMessage.DEPOSIT).isNotEmpty()
                .allSatisfy(s -> {
                    WasteDepositMessage message = (WasteDepositMessage) s.publication().payload();
                    assertThat(message.detectedKind()).isIn(WasteKind.RESIDUAL, null);
                });
    }

    @Test
    void eachHouseholdBringsPerishableWasteAtMostOncePerWindow() {
        Set<String> seen = new HashSet<>();
        for (Sent deposit : deposits()) {
            WasteDepositMessage message = (WasteDepositMessage) deposit.publication().payload();
            if (message.wasteKind() == WasteKind.PERISHABLE) {
                String window = deposit.simulatedAt().atZone(Ticks.SHANGHAI).toLocalDate() + "-"
                        + (deposit.simulatedAt().atZone(Ticks.SHANGHAI).toLocalTime().isBefore(LocalTime.NOON) ? "am" : "pm");
                assertThat(seen.add(message.householdId() + "@" + window)).isTrue();
            }
        }
    }

    @Test
    void aSimulationStartingMidWindowFindsTheBinsPartlyFull() {
        Community midEvening = Community.create(CommunitySpec.defaults(), local("2026-03-10T19:30"));

        List<Sent> first = Ticks.run(midEvening, device -> device.deviceId().equals("bin-dp1-perishable"),
                local("2026-03-10T19:30"), local("2026-03-10T19:31"));

        assertThat(first).filteredOn(status -> status.publication().topic().message() == DeviceMessage.STATUS)
                .singleElement().satisfies(status -> assertThat(level(status)).isGreaterThan(new BigDecimal("0.4")));
    }

    private List<Sent> deposits() {
        return sent.stream().filter(s -> s.publication().topic().message() == DeviceMessage.DEPOSIT).toList();
    }

    private List<Sent> statuses(Instant from, Instant to) {
        return sent.stream()
                .filter(s -> s.publication().topic().message() == DeviceMessage.STATUS)
                .filter(s -> !s.simulatedAt().isBefore(from) && s.simulatedAt().isBefore(to))
                .toList();
    }

    private static BigDecimal level(Sent status) {
        return ((BinStatusMessage) status.publication().payload()).fillingLevel();
    }
}
