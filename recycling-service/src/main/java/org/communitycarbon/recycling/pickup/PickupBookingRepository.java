package org.communitycarbon.recycling.pickup;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface PickupBookingRepository extends Repository<PickupBooking, UUID> {

    Optional<PickupBooking> findById(UUID id);

    Optional<PickupBooking> findByCommunityIdAndHouseholdIdAndIdempotencyKey(String communityId, String householdId,
            String idempotencyKey);

    Page<PickupBooking> findByCommunityIdAndHouseholdIdOrderByRequestedAtDescIdDesc(String communityId, String householdId,
            Pageable page);

    Page<PickupBooking> findByCommunityIdOrderByRequestedAtDescIdDesc(String communityId, Pageable page);

    Page<PickupBooking> findByCommunityIdAndStatusOrderByRequestedAtDescIdDesc(String communityId, PickupStatus status,
            Pageable page);

    Page<PickupBooking> findByRecyclerIdOrderByRequestedAtDescIdDesc(String recyclerId, Pageable page);

    Page<PickupBooking> findByRecyclerIdAndStatusOrderByRequestedAtDescIdDesc(String recyclerId, PickupStatus status,
            Pageable page);
}
