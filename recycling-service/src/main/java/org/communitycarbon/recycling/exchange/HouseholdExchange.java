package org.communitycarbon.recycling.exchange;

import java.util.List;

/**
 * What the exchange holds about one household.
 *
 * @param listings the items it listed
 * @param requests the items it asked for
 */
public record HouseholdExchange(List<ListingView> listings, List<ExchangeRequestView> requests) {

    /** What an erasure changed: listings and requests that held text or photos of the household. */
    public record Erased(int listings, int requests) {
    }
}
