package org.communitycarbon.model.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The records as plain Jackson 3 reads and writes them, which is what every service does. */
class JsonWireFormatTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesQuantitiesAsExactNumbersWithTheirUnit() {
        var event = new WasteDeposited(UUID.fromString("7b4e2f36-0a55-3c8e-9d0b-4f1a2b3c4d5e"), 1, "maple-court",
                Instant.parse("2026-11-22T07:30:00Z"), Instant.parse("2026-11-22T07:30:01Z"), "bin-dp1-perishable",
                "b01-0101", WasteKind.PERISHABLE, Quantity.of("1.250", Unit.KG), true);

        String written = json.writeValueAsString(event);

        assertThat(written).contains("\"weight\":{\"value\":1.250,\"unit\":\"KG\"}")
                .contains("\"occurredAt\":\"2026-11-22T07:30:00Z\"")
                .contains("\"wasteKind\":\"PERISHABLE\"");
        assertThat(json.readValue(written, WasteDeposited.class)).isEqualTo(event);
    }

    @Test
    void readsADepositWrittenBeforeBinsRecognisedKinds() {
        var old = json.readValue("""
                {"eventId":"7b4e2f36-0a55-3c8e-9d0b-4f1a2b3c4d5e","schemaVersion":1,"communityId":"maple-court",
                 "occurredAt":"2026-11-22T07:30:00Z","receivedAt":"2026-11-22T07:30:01Z","deviceId":"bin-dp1-perishable",
                 "householdId":"b01-0101","wasteKind":"PERISHABLE","weight":{"value":1.25,"unit":"KG"},"correctlySorted":false}
                """, WasteDeposited.class);

        assertThat(old.detectedKind()).isNull();
        assertThat(old.recognisedAsOtherKind()).isFalse();
        old.validate();
    }

    @Test
    void readsTheFiwareNoiseAttributeName() {
        EnvironmentMessage message = json.readValue(
                "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"LAeq\":52.5}", EnvironmentMessage.class);

        assertThat(message.LAeq()).isEqualByComparingTo(new BigDecimal("52.5"));
        assertThat(json.writeValueAsString(message)).contains("\"LAeq\":52.5");
    }

    @Test
    void aMissingFieldIsReadAndThenNamedByValidation() {
        BinStatusReported read = json.readValue("{\"schemaVersion\":1}", BinStatusReported.class);
        assertThatThrownBy(read::validate).isInstanceOf(ContractViolation.class).hasMessage("eventId: is required");
    }
}
