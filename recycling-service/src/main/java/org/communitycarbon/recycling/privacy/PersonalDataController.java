package org.communitycarbon.recycling.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.pickup.PickupBookings;
import org.communitycarbon.recycling.pickup.PickupView;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The resident's right to a copy of their personal data and to its erasure (PIPL articles 45 and 47): what the
 * recycling service holds about their household, and the erasure of what identifies or describes them — the
 * addresses and notes of their bookings — while the bookings themselves (categories, weights, times) stay, as the
 * community's recycling record.
 */
@RestController
@RequestMapping("/api/recycling/me/personal-data")
class PersonalDataController {

    private final PickupBookings bookings;
    private final Clock clock;

    PersonalDataController(PickupBookings bookings, Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
    }

    /** Everything the service holds about the caller's household. */
    record Export(String service, String communityId, String householdId, Instant exportedAt, List<PickupView> pickups) {
    }

    /** What an erasure did. */
    record Erasure(String service, String communityId, String householdId, Instant erasedAt, int pickupsErased) {
    }

    @GetMapping
    @Allowed(Role.RESIDENT)
    @AuditedRead
    @Operation(summary = "A copy of the personal data the recycling service holds about the caller's household",
            description = "Residents only: every pickup booking of the household, with its addresses and notes.")
    Export export(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return new Export("recycling-service", me.communityId(), me.householdId(), clock.instant(),
                bookings.allOfHousehold(me.communityId(), me.householdId()));
    }

    @DeleteMapping
    @Allowed(Role.RESIDENT)
    @Operation(summary = "Erases the addresses and notes of every pickup booking of the caller's household",
            description = "Residents only; the comments of their ratings too. The bookings stay, without what describes the "
                    + "household: categories, weights, stars "
                    + "and times count in the community's recycling figures. A booking still waiting is collected at the "
                    + "household's own door. Erasing again erases nothing more.")
    Erasure erase(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        int erased = bookings.erasePersonalData(me.communityId(), me.householdId());
        return new Erasure("recycling-service", me.communityId(), me.householdId(), clock.instant(), erased);
    }
}
