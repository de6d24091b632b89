package org.communitycarbon.model.recycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The settlement's optional booker: written and read by plain Jackson 3, checked by the producer when present. */
class PickupSettledTest {

    private static final UUID PICKUP = UUID.fromString("7d4c1c52-8f0e-4c3a-9a57-2f1e6b0d9c41");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void carriesTheBookerAndReadsItBack() {
        PickupSettled settled = settled("5b0f7e2a-93c4-4d1e-8a6b-0c2d9f4e7a13");
        settled.validate();

        String written = json.writeValueAsString(settled);

        assertThat(written).contains("\"bookedBy\":\"5b0f7e2a-93c4-4d1e-8a6b-0c2d9f4e7a13\"");
        assertThat(json.readValue(written, PickupSettled.class)).isEqualTo(settled);
    }

    @Test
    void readsASettlementWrittenBeforeItNamedItsBooker() {
        PickupSettled old = json.readValue("""
                {"eventId":"3f5e0625-82b0-3a97-a3b5-fc0ced712d01","schemaVersion":1,"communityId":"maple-court",
                 "occurredAt":"2026-11-23T02:40:00Z","pickupId":"7d4c1c52-8f0e-4c3a-9a57-2f1e6b0d9c41","householdId":"b01-0101",
                 "recyclerId":"green-cycle","settlement":"CASH","priceVersion":2,
                 "items":[{"category":"PAPER","weight":{"value":3.2,"unit":"KG"},"pricePerKgCny":1.40,"creditsPerKg":300}],
                 "totalWeight":{"value":3.2,"unit":"KG"},"amountCny":4.48,"credits":{"value":0,"unit":"CREDIT"}}
                """, PickupSettled.class);

        assertThat(old.bookedBy()).isNull();
        old.validate();
    }

    @Test
    void aProducerNamesTheBookerByAnIdentifierOrNotAtAll() {
        settled(null).validate();
        assertThatThrownBy(() -> settled("ann smith").validate()).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("bookedBy: must be 1 to 64 letters");
        assertThatThrownBy(() -> settled("").validate()).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("bookedBy:");
        assertThatThrownBy(() -> settled("a".repeat(65)).validate()).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("bookedBy:");
    }

    private static PickupSettled settled(String bookedBy) {
        List<SettledItem> items = List.of(new SettledItem("PAPER", Quantity.of("3.2", Unit.KG), new BigDecimal("1.40"), 300));
        return new PickupSettled(PickupSettled.eventIdOf(PICKUP), PickupSettled.SCHEMA_VERSION, "maple-court",
                Instant.parse("2026-11-23T02:40:00Z"), PICKUP, "b01-0101", "green-cycle", Settlement.CASH, 2, items,
                Quantity.of("3.2", Unit.KG), PickupSettled.cashFor(items), Quantity.of(BigDecimal.ZERO, Unit.CREDIT), bookedBy);
    }
}
