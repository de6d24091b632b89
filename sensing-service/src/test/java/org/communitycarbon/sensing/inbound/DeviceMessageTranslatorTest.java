package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.sensing.registry.Binding;
import org.communitycarbon.support.messaging.EventCodec;
import org.junit.jupiter.api.Test;


class DeviceMessageTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:30Z");

    private final RegisteredDevices registry = new RegisteredDevices()
            .device("maple-court", "em-b01-0101", "electricity-meter", Binding.HOUSEHOLD, "b01-0101")
            .device("c1", "wm-1", "water-meter", Binding.HOUSEHOLD, "h1")
            .device("c1", "gm-1", "gas-meter", Binding.HOUSEHOLD, "h1")
            .device("c1", "gm-2", "gas-meter", Binding.HOUSEHOLD, "h2")
            .device("c1", "pv-b01", "pv-meter", Binding.COMMON_AREA, "roof-b01")
            .device("c1", "bin-1", "waste-bin", Binding.DROP_POINT, "dp1")
            .device("c1", "bin-dp1-perishable", "waste-bin", Binding.DROP_POINT, "dp1")
            .device("c1", "env-plaza", "environment-sensor", Binding.COMMON_AREA, "plaza")
            .household("c1", "b01-0101")
            .household("c1", "b01-0102");

    private final DeviceMessageTranslator translator = new DeviceMessageTranslator(
            EventCodec.lenientEnums(),
            new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), 65536), registry);

    @Test
    void turnsAnElectricityReadingIntoAMeterReading() {
        Accepted accepted = accept("cc/maple-court/electricity-meter/em-b01-0101/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"b01-0101\",\"totalActiveEnergyImport\":1234.567}");

        assertThat(accepted.kafkaTopic()).isEqualTo(SensingTopics.METER_READINGS);
        assertThat(accepted.key()).isEqualTo("maple-court/em-b01-0101");
        MeterReadingReceived reading = (MeterReadingReceived) accepted.event();
        assertThat(reading.meterType()).isEqualTo(MeterType.ELECTRICITY);
        assertThat(reading.householdId()).isEqualTo("b01-0101");
        assertThat(reading.register().value()).isEqualByComparingTo("1234.567");
        assertThat(reading.register().unit()).isEqualTo(Unit.KWH);
        assertThat(reading.occurredAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(reading.receivedAt()).isEqualTo(NOW);
        assertThat(reading.communityId()).isEqualTo("maple-court");
    }

    @Test
    void readsEachMeterTypeFromItsOwnAttribute() {
        var water = (MeterReadingReceived) accept("cc/c1/water-meter/wm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"h1\",\"waterConsumption\":88.125}").event();
        var gas = (MeterReadingReceived) accept("cc/c1/gas-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"h1\",\"gasConsumption\":301.5}").event();
        var pv = (MeterReadingReceived) accept("cc/c1/pv-meter/pv-b01/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"areaId\":\"roof-b01\",\"totalActiveEnergyExport\":512.3}").event();

        assertThat(water.register().unit()).isEqualTo(Unit.M3);
        assertThat(gas.meterType()).isEqualTo(MeterType.GAS);
        assertThat(pv.meterType()).isEqualTo(MeterType.PV_GENERATION);
        assertThat(pv.areaId()).isEqualTo("roof-b01");
    }

    @Test
    void namesTheRegisterAttributeAMeterForgot() {
        Rejected rejected = reject("cc/c1/water-meter/wm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"h1\",\"totalActiveEnergyImport\":5}");

        assertThat(rejected.field()).isEqualTo("waterConsumption");
        assertThat(rejected.reason()).isEqualTo("waterConsumption: is required");
        assertThat(rejected.communityId()).isEqualTo("c1");
    }

    @Test
    void turnsABinDepositIntoAWasteDepositAcceptingLowerCaseKinds() {
        var deposit = (WasteDeposited) accept("cc/c1/waste-bin/bin-dp1-perishable/deposit",
                "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"perishable\",\"weight\":1.25,\"correctlySorted\":true}")
                .event();

        assertThat(deposit.wasteKind()).isEqualTo(WasteKind.PERISHABLE);
        assertThat(deposit.weight().value()).isEqualByComparingTo("1.25");
        assertThat(deposit.correctlySorted()).isTrue();
    }

    @Test
    void carriesTheKindABinsCameraRecognisedAndNoneFromABinWithout() {
        var recognised = (WasteDeposited) accept("cc/c1/waste-bin/bin-dp1-perishable/deposit",
                "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"perishable\",\"weight\":0.4,\"correctlySorted\":false,\"detectedKind\":\"recyclable\"}")
                .event();
        var plain = (WasteDeposited) accept("cc/c1/waste-bin/bin-dp1-perishable/deposit",
                "{\"dateObserved\":\"2026-11-22T07:46:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"perishable\",\"weight\":0.4,\"correctlySorted\":false}")
                .event();

        assertThat(recognised.detectedKind()).isEqualTo(WasteKind.RECYCLABLE);
        assertThat(recognised.recognisedAsOtherKind()).isTrue();
        assertThat(plain.detectedKind()).isNull();
    }

    @Test
    void refusesADepositWhoseJudgementContradictsTheRecognisedKind() {
        Rejected rejected = reject("cc/c1/waste-bin/bin-dp1-perishable/deposit",
                "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":0.4,\"correctlySorted\":true,\"detectedKind\":\"RESIDUAL\"}");

        assertThat(rejected.field()).isEqualTo("correctlySorted");
        assertThat(rejected.reason()).isEqualTo("correctlySorted: must be false when detectedKind is RESIDUAL and wasteKind PERISHABLE");
    }

    @Test
    void turnsABinStatusIntoAFillLevel() {
        Accepted accepted = accept("cc/c1/waste-bin/bin-dp1-perishable/status",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"fillingLevel\":0.85,\"wasteKind\":\"PERISHABLE\",\"dropPointId\":\"dp1\"}");

        assertThat(accepted.kafkaTopic()).isEqualTo(SensingTopics.BIN_STATUSES);
        assertThat(((BinStatusReported) accepted.event()).fillingLevel().value()).isEqualByComparingTo("0.85");
        assertThat(((BinStatusReported) accepted.event()).dropPointId()).isEqualTo("dp1");
    }

    @Test
    void turnsAnEnvironmentReadingIntoAnObservationWithUnits() {
        var observed = (EnvironmentObserved) accept("cc/c1/environment-sensor/env-plaza/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"areaId\":\"plaza\",\"temperature\":12.5,\"relativeHumidity\":0.61,\"pm25\":35,\"co2\":640,\"LAeq\":55.2}")
                .event();

        assertThat(observed.temperature().unit()).isEqualTo(Unit.CELSIUS);
        assertThat(observed.noiseLevel().value()).isEqualByComparingTo("55.2");
        assertThat(observed.co2().unit()).isEqualTo(Unit.PPM);
    }

    @Test
    void givesTheSameReadingTheSameEventId() {
        String payload = "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"h1\",\"gasConsumption\":301.5}";
        String samInstantOtherSpelling = "{\"dateObserved\":\"2026-11-22T08:00:00.000Z\",\"householdId\":\"h1\",\"gasConsumption\":301.5}";

        assertThat(accept("cc/c1/gas-meter/gm-1/reading", payload).event().eventId())
                .isEqualTo(accept("cc/c1/gas-meter/gm-1/reading", samInstantOtherSpelling).event().eventId())
                .isNotEqualTo(accept("cc/c1/gas-meter/gm-2/reading", payload).event().eventId());
    }

    @Test
    void twoHouseholdsDroppingAtOneBinInTheSameSecondAreTwoDeposits() {
        String topic = "cc/c1/waste-bin/bin-dp1-perishable/deposit";
        String first = "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":1,\"correctlySorted\":true}";
        String second = first.replace("b01-0101", "b01-0102");

        assertThat(accept(topic, first).event().eventId()).isNotEqualTo(accept(topic, second).event().eventId())
                .isEqualTo(accept(topic, first).event().eventId());
    }

    @Test
    void refusesADeviceThatIsNotRegistered() {
        Rejected rejected = reject("cc/c1/waste-bin/bin-nowhere/deposit",
                "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b01-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":100,\"correctlySorted\":true}");

        assertThat(rejected.reason()).isEqualTo("unknown device: bin-nowhere is not a registered, active device of c1");
        assertThat(rejected.field()).isEqualTo("topic.deviceId");
    }

    @Test
    void refusesARetiredDeviceAndADeviceOfAnotherCommunity() {
        registry.retire("c1", "gm-2");

        assertThat(reject("cc/c1/gas-meter/gm-2/reading", "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"gasConsumption\":1}")
                .reason()).startsWith("unknown device");
        assertThat(reject("cc/c2/gas-meter/gm-1/reading", "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"gasConsumption\":1}")
                .reason()).isEqualTo("unknown device: gm-1 is not a registered, active device of c2");
    }

    @Test
    void refusesADevicePublishingAsAnotherType() {
        Rejected rejected = reject("cc/c1/electricity-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"totalActiveEnergyImport\":1}");

        assertThat(rejected.reason()).isEqualTo("device gm-1 is registered as a gas-meter, not a electricity-meter");
        assertThat(rejected.field()).isEqualTo("topic.deviceType");
    }

    @Test
    void theHouseholdOfAReadingComesFromTheRegistryNotThePayload() {
        var claimed = (MeterReadingReceived) accept("cc/c1/gas-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"householdId\":\"b01-0102\",\"gasConsumption\":3}").event();
        var silent = (MeterReadingReceived) accept("cc/c1/gas-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-22T08:01:00Z\",\"gasConsumption\":3}").event();

        assertThat(claimed.householdId()).isEqualTo("h1");
        assertThat(silent.householdId()).isEqualTo("h1");
        assertThat(silent.areaId()).isNull();
    }

    @Test
    void aDepositsHouseholdMustBeRegisteredInTheBinsCommunity() {
        Rejected rejected = reject("cc/c1/waste-bin/bin-dp1-perishable/deposit",
                "{\"dateObserved\":\"2026-11-22T07:45:00Z\",\"householdId\":\"b77-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":1,\"correctlySorted\":true}");

        assertThat(rejected.field()).isEqualTo("householdId");
        assertThat(rejected.reason()).isEqualTo("householdId: household b77-0101 is not registered in c1");
    }

    @Test
    void rejectsMalformedJson() {
        Rejected rejected = reject("cc/c1/gas-meter/gm-1/reading", "{\"dateObserved\": ");

        assertThat(rejected.reason()).startsWith("not valid JSON");
    }

    @Test
    void rejectsAnUnknownDeviceType() {
        Rejected rejected = reject("cc/c1/toaster/t-1/reading", "{}");

        assertThat(rejected.field()).isEqualTo("topic.deviceType");
        assertThat(rejected.communityId()).isEqualTo("c1");
    }

    @Test
    void rejectsATopicOutsideTheScheme() {
        Rejected rejected = reject("sensors/anything", "{}");

        assertThat(rejected.field()).isEqualTo("topic");
        assertThat(rejected.communityId()).isNull();
    }

    @Test
    void rejectsATimestampTooFarInTheFuture() {
        Rejected rejected = reject("cc/c1/gas-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-22T09:00:00Z\",\"householdId\":\"h1\",\"gasConsumption\":1}");

        assertThat(rejected.field()).isEqualTo("dateObserved");
        assertThat(rejected.reason()).contains("in the future");
    }

    @Test
    void rejectsAReadingOlderThanTheBackFillWindow() {
        Rejected rejected = reject("cc/c1/gas-meter/gm-1/reading",
                "{\"dateObserved\":\"2026-11-01T08:00:00Z\",\"householdId\":\"h1\",\"gasConsumption\":1}");

        assertThat(rejected.reason()).contains("older than PT168H");
    }

    @Test
    void rejectsAFillLevelAboveOne() {
        Rejected rejected = reject("cc/c1/waste-bin/bin-1/status", "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"fillingLevel\":1.4}");

        assertThat(rejected.field()).isEqualTo("fillingLevel");
    }

    @Test
    void rejectsAnOversizedPayloadUnread() {
        Rejected rejected = reject("cc/c1/gas-meter/gm-1/reading", "x".repeat(70_000));

        assertThat(rejected.reason()).isEqualTo("payload is 70000 bytes; the limit is 65536");
    }

    private Accepted accept(String topic, String payload) {
        Translation translation = translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(translation).isInstanceOf(Accepted.class);
        return (Accepted) translation;
    }

    private Rejected reject(String topic, String payload) {
        Translation translation = translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(translation).isInstanceOf(Rejected.class);
        return (Rejected) translation;
    }
}
