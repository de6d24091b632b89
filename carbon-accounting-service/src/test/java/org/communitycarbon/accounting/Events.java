package org.communitycarbon.accounting;

import java.time.Instant;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;

/** Test data: events as the sensing service publishes them. */
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
}
