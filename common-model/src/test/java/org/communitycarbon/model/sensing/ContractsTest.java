package org.communitycarbon.model.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

class ContractsTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void rejectsARegisterInTheWrongUnit() {
        assertThatThrownBy(() -> reading(MeterType.ELECTRICITY, "hh-1", null, Quantity.of("12.5", Unit.M3)).validate())
                .isInstanceOf(ContractViolation.class)
                .hasMessage("register: must be in KWH, was M3");
    }

    @Test
    void aMeterServesAHouseholdOrAnAreaNeverBoth() {
        assertThatThrownBy(() -> reading(MeterType.WATER, "hh-1", "lobby", Quantity.of("1", Unit.M3)).validate())
                .isInstanceOf(ContractViolation.class).hasMessageContaining("exactly one of householdId and areaId");
        assertThatThrownBy(() -> reading(MeterType.WATER, null, null, Quantity.of("1", Unit.M3)).validate())
                .isInstanceOf(ContractViolation.class).hasMessageContaining("exactly one of householdId and areaId");
    }

    @Test
    void rejectsANegativeRegister() {
        assertThatThrownBy(() -> reading(MeterType.GAS, "hh-1", null, Quantity.of("-0.1", Unit.M3)).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("register.value: must be between 0");
    }

    @Test
    void rejectsADepositWithoutWeight() {
        assertThatThrownBy(() -> new WasteDeposited(UUID.randomUUID(), 1, "c-1", AT, AT, "bin-1", "hh-1",
                WasteKind.PERISHABLE, Quantity.of("0", Unit.KG), true).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("weight.value: must be between 0.001 and 100");
    }

    @Test
    void aRecognisedKindAndTheBinsJudgementAgree() {
        assertThatThrownBy(() -> deposit(WasteKind.RESIDUAL, true, WasteKind.PERISHABLE).validate())
                .isInstanceOf(ContractViolation.class)
                .hasMessage("correctlySorted: must be false when detectedKind is PERISHABLE and wasteKind RESIDUAL");
        assertThatThrownBy(() -> deposit(WasteKind.RESIDUAL, false, WasteKind.RESIDUAL).validate())
                .isInstanceOf(ContractViolation.class).hasMessageStartingWith("correctlySorted: must be true");
        deposit(WasteKind.RESIDUAL, false, WasteKind.PERISHABLE).validate();
        deposit(WasteKind.RESIDUAL, false, null).validate();
        assertThat(deposit(WasteKind.RESIDUAL, false, WasteKind.PERISHABLE).recognisedAsOtherKind()).isTrue();
        assertThat(deposit(WasteKind.RESIDUAL, true, WasteKind.RESIDUAL).recognisedAsOtherKind()).isFalse();
        assertThat(deposit(WasteKind.RESIDUAL, false, null).recognisedAsOtherKind()).isFalse();
    }

    private static WasteDeposited deposit(WasteKind binKind, boolean correctlySorted, WasteKind detectedKind) {
        return new WasteDeposited(UUID.randomUUID(), 1, "c-1", AT, AT, "bin-1", "hh-1", binKind, Quantity.of("0.5", Unit.KG),
                correctlySorted, detectedKind);
    }

    @Test
    void aProducerWritesOnlyTheCurrentSchemaVersion() {
        assertThatThrownBy(() -> new BinStatusReported(UUID.randomUUID(), 2, "c-1", AT, AT, "bin-1", null, null,
                Quantity.of("0.5", Unit.RATIO)).validate())
                .isInstanceOf(ContractViolation.class).hasMessage("schemaVersion: a producer writes version 1, not 2");
    }

    @Test
    void aReaderTakesInWhatARuleWrittenLaterWouldRefuse() {
        // Constructing (and so reading) checks nothing: an event already on the wire stays readable.
        var old = new WasteDeposited(UUID.randomUUID(), 7, "c-1", AT, AT, "bin-1", "hh-1", WasteKind.PERISHABLE,
                Quantity.of("0.0001", Unit.KG), true);
        assertThat(old.schemaVersion()).isEqualTo(7);
        assertThatThrownBy(() -> WasteDeposited.checkWeight(old.weight().value(), "weight.value"))
                .hasMessage("weight.value: must be between 0.001 and 100, was 0.0001");
    }

    @Test
    void aRegisterThatFitsTheContractFitsTheColumn() {
        assertThatThrownBy(() -> MeterReadingReceived.checkRegister(new BigDecimal("1.0000001"), "register.value"))
                .hasMessage("register.value: must have at most 6 decimal places");
        assertThat(MeterReadingReceived.checkRegister(new BigDecimal("999999998.123456"), "register.value"))
                .isEqualByComparingTo("999999998.123456");
    }

    @Test
    void anEnvironmentObservationNeedsAtLeastOneMeasurement() {
        assertThatThrownBy(() -> new EnvironmentObserved(UUID.randomUUID(), 1, "c-1", AT, AT, "env-1", null,
                null, null, null, null, null).validate())
                .isInstanceOf(ContractViolation.class).hasMessageContaining("at least one of");
    }

    @Test
    void theSameFactGetsTheSameEventId() {
        assertThat(EventIds.of("c-1", "em-1", "reading", AT.toString()))
                .isEqualTo(EventIds.of("c-1", "em-1", "reading", AT.toString()))
                .isNotEqualTo(EventIds.of("c-1", "em-1", "reading", AT.plusSeconds(60).toString()));
        UUID cause = UUID.randomUUID();
        assertThat(EventIds.derived(cause, "reduction")).isEqualTo(EventIds.derived(cause, "reduction"))
                .isNotEqualTo(EventIds.derived(cause, "credits"));
    }

    private static MeterReadingReceived reading(MeterType type, String household, String area, Quantity register) {
        return new MeterReadingReceived(UUID.randomUUID(), 1, "c-1", AT, AT, "m-1", type, household, area, register);
    }

    @Test
    void acceptsAValidReading() {
        MeterReadingReceived reading = reading(MeterType.ELECTRICITY, "hh-1", null, Quantity.of(new BigDecimal("1234.567"), Unit.KWH));
        assertThat(reading.register().toString()).isEqualTo("1234.567 kWh");
    }
}
