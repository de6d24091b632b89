package org.communitycarbon.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettledItem;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/** Test data: events as the sensing and recycling services publish them. */
public final class Events {

    private Events() {
    }

    public static MeterReadingReceived electricity(String community, String household, String device, Instant at, String kwh) {
        return new MeterReadingReceived(EventIds.of(community, device, "reading", at.toString()), 1, community, at, at, device,
                MeterType.ELECTRICITY, household, null, Quantity.of(kwh, Unit.KWH));
    }

    public static MeterReadingReceived reading(String community, String household, String device, MeterType type, Instant at,
            String register) {
        return new MeterReadingReceived(EventIds.of(community, device, "reading", at.toString()), 1, community, at, at, device,
                type, household, null, Quantity.of(register, type.registerUnit()));
    }

    public static MeterReadingReceived areaElectricity(String community, String area, String device, Instant at, String kwh) {
        return new MeterReadingReceived(EventIds.of(community, device, "reading", at.toString()), 1, community, at, at, device,
                MeterType.ELECTRICITY, null, area, Quantity.of(kwh, Unit.KWH));
    }

    public static WasteDeposited deposit(String community, String household, Instant at, WasteKind kind, String kg, boolean sorted) {
        return new WasteDeposited(EventIds.of(community, "bin-1", "deposit", at.toString(), household), 1, community, at, at,
                "bin-1", household, kind, Quantity.of(kg, Unit.KG), sorted);
    }

    /** A pickup weighed and settled as the recycling service publishes it: paper and plastic at the catalogue's rates. */
    public static PickupSettled settlement(String community, String household, Instant at, Settlement settlement, String paperKg,
            String plasticKg) {
        return settlement(community, household, at, settlement, paperKg, plasticKg, null);
    }

    /** A settlement of a pickup booked by the resident {@code bookedBy} (an account subject), or by nobody named. */
    public static PickupSettled settlement(String community, String household, Instant at, Settlement settlement, String paperKg,
            String plasticKg, @Nullable String bookedBy) {
        UUID pickup = UUID.nameUUIDFromBytes((community + household + at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<SettledItem> items = List.of(new SettledItem("PAPER", Quantity.of(paperKg, Unit.KG), new BigDecimal("1.40"), 300),
                new SettledItem("PLASTIC", Quantity.of(plasticKg, Unit.KG), new BigDecimal("0.90"), 300));
        BigDecimal total = new BigDecimal(paperKg).add(new BigDecimal(plasticKg));
        PickupSettled event = new PickupSettled(PickupSettled.eventIdOf(pickup), PickupSettled.SCHEMA_VERSION, community, at, pickup,
                household, "green-cycle", settlement, 0, items, Quantity.of(total, Unit.KG),
                settlement == Settlement.CASH ? PickupSettled.cashFor(items) : BigDecimal.ZERO,
                Quantity.of(settlement == Settlement.CREDITS ? PickupSettled.creditsFor(items) : BigDecimal.ZERO, Unit.CREDIT),
                bookedBy);
        event.validate();
        return event;
    }
}
