package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.recycling.PickupActor;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupState;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.jspecify.annotations.Nullable;

/** Test data: the recycling service's events about one pickup, as it publishes them. */
final class Pickups {

    private Pickups() {
    }

    /** A missed deadline, noticed a minute after it was due. */
    static PickupDeadlineMissed missed(String community, UUID pickup, PickupDeadline deadline, Instant dueAt,
            @Nullable String recycler, PickupState status) {
        return new PickupDeadlineMissed(PickupDeadlineMissed.eventIdOf(pickup, deadline), PickupDeadlineMissed.SCHEMA_VERSION,
                community, dueAt.plusSeconds(60), pickup, deadline, dueAt, status, recycler);
    }

    /** The pickup's step number {@code sequence}, into {@code status} from {@code previous}. */
    static PickupStatusChanged step(String community, UUID pickup, int sequence, PickupState status, PickupState previous,
            @Nullable String recycler, Instant at) {
        PickupActor by = status == PickupState.DISPATCHED ? PickupActor.PLATFORM : PickupActor.RECYCLER;
        String reason = status == PickupState.CANCELLED ? "Nobody at home" : null;
        PickupStatusChanged step = new PickupStatusChanged(PickupStatusChanged.eventIdOf(pickup, sequence),
                PickupStatusChanged.SCHEMA_VERSION, community, at, pickup, sequence, "b01-0101", List.of("PAPER"), status,
                previous, recycler, by, reason);
        step.validate();
        return step;
    }
}
