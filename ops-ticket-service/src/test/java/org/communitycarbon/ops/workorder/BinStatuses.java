package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.WasteKind;

/** Test data: bin statuses as the sensing service reports them, and fresh ids so tests never share data. */
final class BinStatuses {

    private BinStatuses() {
    }

    static String community() {
        return "c-" + UUID.randomUUID();
    }

    static String bin() {
        return "bin-" + UUID.randomUUID();
    }

    /** Now, to the millisecond as a device reports it. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static BinStatusReported status(String community, String bin, String fillingLevel, Instant observedAt) {
        return new BinStatusReported(UUID.randomUUID(), BinStatusReported.SCHEMA_VERSION, community, observedAt,
                observedAt.plusMillis(300), bin, "dp-1", WasteKind.PERISHABLE, Quantity.of(fillingLevel, Unit.RATIO));
    }

    /** 85 % full. */
    static BinStatusReported full(String community, String bin, Instant observedAt) {
        return status(community, bin, "0.85", observedAt);
    }
}
