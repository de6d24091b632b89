package org.communitycarbon.recycling.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.exchange.Exchange;
import org.communitycarbon.recycling.exchange.ExchangeRequestView;
import org.communitycarbon.recycling.exchange.HouseholdExchange;
import org.communitycarbon.recycling.exchange.ListingView;
import org.communitycarbon.recycling.pickup.PickupBookings;
import org.communitycarbon.recycling.pickup.PickupView;
import org.communitycarbon.recycling.tool.SharedTools;
import org.communitycarbon.recycling.tool.ToolBookingView;
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
 * recycling service holds about their household (pickups, shared-tool bookings, exchange listings and requests), and
 * the erasure of what identifies or describes them — the addresses and notes of their bookings, their own words in
 * ratings, cancellations and on the exchange, their photo references, and which pickups they booked (their account
 * subject, {@code booked_by}) — while the records themselves (categories, weights, times, stars) stay, as the
 * community's recycling record. Who booked a pickup is the booking resident's own data: in their copy and erased at
 * their request, neither shown to nor erased by another member of the household.
 */
@RestController
@RequestMapping("/api/recycling/me/personal-data")
class PersonalDataController {

    private final PickupBookings bookings;
    private final SharedTools tools;
    private final Exchange exchange;
    private final Clock clock;

    PersonalDataController(PickupBookings bookings, SharedTools tools, Exchange exchange, Clock clock) {
        this.bookings = bookings;
        this.tools = tools;
        this.exchange = exchange;
        this.clock = clock;
    }

    /**
     * Everything the service holds about the caller's household, and which of its pickups the caller booked.
     *
     * @param bookedBy the caller's account subject as the service keeps it with the pickups they booked
     */
    record Export(String service, String communityId, String householdId, Instant exportedAt, List<PickupView> pickups,
            List<ToolBookingView> toolBookings, List<ListingView> exchangeListings, List<ExchangeRequestView> exchangeRequests,
            Booker bookedBy) {
    }

    /**
     * Who booked: the caller's account subject, kept as {@code booked_by} with each pickup they booked for the household.
     *
     * @param subject the caller's account subject (the token's {@code sub})
     * @param pickups the ids of the pickups kept as booked by them, newest first; empty once erased
     */
    record Booker(String subject, List<UUID> pickups) {
    }

    /** What an erasure did. */
    record Erasure(String service, String communityId, String householdId, Instant erasedAt, int pickupsErased,
            int exchangeListingsErased, int exchangeRequestsErased) {
    }

    @GetMapping
    @Allowed(Role.RESIDENT)
    @AuditedRead
    @Operation(summary = "A copy of the personal data the recycling service holds about the caller's household",
            description = "Residents only: every pickup booking of the household, with its addresses, notes and ratings; its "
                    + "shared-tool bookings; its exchange listings and requests; and which of its pickups the caller booked "
                    + "(bookedBy: the caller's account subject as kept with them; another member's bookings are not named).")
    Export export(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        HouseholdExchange traded = exchange.ofHousehold(me.communityId(), me.householdId(), caller);
        return new Export("recycling-service", me.communityId(), me.householdId(), clock.instant(),
                bookings.allOfHousehold(me.communityId(), me.householdId()),
                tools.allOfHousehold(me.communityId(), me.householdId(), caller), traded.listings(), traded.requests(),
                new Booker(caller.subject(), bookings.bookedBy(me.communityId(), me.householdId(), caller.subject())));
    }

    @DeleteMapping
    @Allowed(Role.RESIDENT)
    @Operation(summary = "Erases the addresses and notes of every pickup booking of the caller's household",
            description = "Residents only. Also the comments of their ratings, the reasons they gave for cancelling, and on the "
                    + "exchange the descriptions, photo references and reasons of their listings and the messages of their "
                    + "requests; and who booked the pickups the caller booked (their account subject; another member's "
                    + "stays theirs to erase). The bookings stay, without what describes the household: categories, weights, "
                    + "stars and times count in the community's recycling figures. A booking still waiting is collected at the "
                    + "household's own door, and its settlement names no booker (its recycled goods are the household's). "
                    + "Erasing again erases nothing more, and completes an erasure interrupted midway.")
    Erasure erase(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        int erased = bookings.erasePersonalData(me.communityId(), me.householdId(), caller.subject());
        HouseholdExchange.Erased traded = exchange.erase(me.communityId(), me.householdId());
        return new Erasure("recycling-service", me.communityId(), me.householdId(), clock.instant(), erased, traded.listings(),
                traded.requests());
    }
}
