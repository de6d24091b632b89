package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.communitycarbon.model.recycling.PickupActor;
import org.communitycarbon.model.recycling.PickupState;
import org.junit.jupiter.api.Test;

/** Which step leads where, and who may take it. */
class PickupActionTest {

    @Test
    void theRecyclerTakesTheStepsInOrderOnly() {
        assertThat(PickupAction.ACCEPT.allows(PickupStatus.DISPATCHED, PickupActor.RECYCLER)).isTrue();
        assertThat(PickupAction.DEPART.allows(PickupStatus.ACCEPTED, PickupActor.RECYCLER)).isTrue();
        assertThat(PickupAction.COLLECT.allows(PickupStatus.ON_THE_WAY, PickupActor.RECYCLER)).isTrue();
        assertThat(PickupAction.COLLECT.allows(PickupStatus.DISPATCHED, PickupActor.RECYCLER)).isFalse();
        assertThat(PickupAction.ACCEPT.allows(PickupStatus.ACCEPTED, PickupActor.RECYCLER)).isFalse();
        assertThat(PickupAction.ACCEPT.allows(PickupStatus.DISPATCHED, PickupActor.RESIDENT)).isFalse();
    }

    @Test
    void nothingFollowsCollectionOrCancellation() {
        for (PickupAction action : PickupAction.values()) {
            for (PickupActor actor : PickupActor.values()) {
                assertThat(action.allows(PickupStatus.COLLECTED, actor)).isFalse();
                assertThat(action.allows(PickupStatus.CANCELLED, actor)).isFalse();
            }
        }
    }

    @Test
    void theResidentCancelsUntilCollectedTheRecyclerOnceDispatched() {
        assertThat(PickupAction.CANCEL.allows(PickupStatus.REQUESTED, PickupActor.RESIDENT)).isTrue();
        assertThat(PickupAction.CANCEL.allows(PickupStatus.ON_THE_WAY, PickupActor.RESIDENT)).isTrue();
        assertThat(PickupAction.CANCEL.allows(PickupStatus.REQUESTED, PickupActor.RECYCLER)).isFalse();
        assertThat(PickupAction.CANCEL.allows(PickupStatus.ACCEPTED, PickupActor.RECYCLER)).isTrue();
    }

    @Test
    void theManagerReassignsUntilACollectorSetsOut() {
        assertThat(PickupAction.ASSIGN.allows(PickupStatus.ACCEPTED, PickupActor.PROPERTY_MANAGER)).isTrue();
        assertThat(PickupAction.ASSIGN.allows(PickupStatus.ON_THE_WAY, PickupActor.PROPERTY_MANAGER)).isFalse();
        assertThat(PickupAction.DISPATCH.allows(PickupStatus.REQUESTED, PickupActor.PROPERTY_MANAGER)).isFalse();
        assertThat(PickupAction.COLLECT.refusal(PickupStatus.DISPATCHED)).startsWith("A pickup that is DISPATCHED cannot be collected");
    }

    @Test
    void everyStatusHasItsNameOnTheWire() {
        assertThat(Arrays.stream(PickupStatus.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(PickupState.values()).map(Enum::name).toList());
    }
}
