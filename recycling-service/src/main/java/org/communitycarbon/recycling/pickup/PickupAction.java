package org.communitycarbon.recycling.pickup;

import java.util.EnumSet;
import java.util.Set;

import org.communitycarbon.model.recycling.PickupActor;

/**
 * The steps of a pickup booking's life: from which statuses each may be taken, what status it leads to and who may
 * take it. Anything else is impossible and refused with 409.
 */
enum PickupAction {

    /** The automatic dispatcher assigns a waiting booking to an eligible recycler. */
    DISPATCH(PickupStatus.DISPATCHED, EnumSet.of(PickupStatus.REQUESTED), EnumSet.of(PickupActor.PLATFORM)),
    /** The property manager (or an admin) assigns, or reassigns, a booking no collector has set out for. */
    ASSIGN(PickupStatus.DISPATCHED, EnumSet.of(PickupStatus.REQUESTED, PickupStatus.DISPATCHED, PickupStatus.ACCEPTED),
            EnumSet.of(PickupActor.PROPERTY_MANAGER, PickupActor.ADMIN)),
    /** The recycler takes the order. */
    ACCEPT(PickupStatus.ACCEPTED, EnumSet.of(PickupStatus.DISPATCHED), EnumSet.of(PickupActor.RECYCLER)),
    /** A collector sets out. */
    DEPART(PickupStatus.ON_THE_WAY, EnumSet.of(PickupStatus.ACCEPTED), EnumSet.of(PickupActor.RECYCLER)),
    /** The collector has the goods, weighed, and the pickup is settled. */
    COLLECT(PickupStatus.COLLECTED, EnumSet.of(PickupStatus.ON_THE_WAY), EnumSet.of(PickupActor.RECYCLER)),
    /** The resident, before collection, or the assigned recycler, cancels with a reason. */
    CANCEL(PickupStatus.CANCELLED, EnumSet.of(PickupStatus.REQUESTED, PickupStatus.DISPATCHED, PickupStatus.ACCEPTED,
            PickupStatus.ON_THE_WAY), EnumSet.of(PickupActor.RESIDENT, PickupActor.RECYCLER));

    private final PickupStatus to;
    private final Set<PickupStatus> from;
    private final Set<PickupActor> actors;

    PickupAction(PickupStatus to, Set<PickupStatus> from, Set<PickupActor> actors) {
        this.to = to;
        this.from = from;
        this.actors = actors;
    }

    PickupStatus to() {
        return to;
    }

    /** The statuses this step may be taken from, as SQL values. */
    String[] fromNames() {
        return from.stream().map(Enum::name).toArray(String[]::new);
    }

    /** Whether {@code actor} may take this step from {@code status}; a recycler only once it is assigned. */
    boolean allows(PickupStatus status, PickupActor actor) {
        if (!actors.contains(actor) || !from.contains(status)) {
            return false;
        }
        return actor != PickupActor.RECYCLER || status != PickupStatus.REQUESTED;
    }

    /** Why this step cannot be taken from {@code status}, for a 409 problem. */
    String refusal(PickupStatus status) {
        return "A pickup that is " + status + " cannot be " + verb() + "; that is possible from " + from + " only";
    }

    private String verb() {
        return switch (this) {
            case DISPATCH, ASSIGN -> "dispatched";
            case ACCEPT -> "accepted";
            case DEPART -> "set out for";
            case COLLECT -> "collected";
            case CANCEL -> "cancelled";
        };
    }
}
