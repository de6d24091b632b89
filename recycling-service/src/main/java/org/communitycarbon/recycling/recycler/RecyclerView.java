package org.communitycarbon.recycling.recycler;

import java.time.Instant;
import java.util.List;

/**
 * A recycling company as the property company sees it.
 *
 * @param communities the communities it serves
 * @param registeredCommunityId the community where it was onboarded, whose manager adds its collectors
 * @param collectors how many collectors act for it
 */
public record RecyclerView(String id, String name, String licenceNumber, List<String> categories, int dailyCapacity,
        List<String> communities, String registeredCommunityId, Instant registeredAt, int collectors) {
}
