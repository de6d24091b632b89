package org.communitycarbon.sensing.registry;

import java.time.Instant;

import org.communitycarbon.model.registry.CommunityType;
import org.jspecify.annotations.Nullable;

/**
 * A registered community.
 *
 * @param region the grid region whose emission factor applies
 * @param timeZone the IANA zone its days are counted in
 * @param revision the registry revision of its latest change
 * @param streetId the street (街道) whose office oversees it, or null
 */
record Community(String id, String name, CommunityType type, String region, String timeZone, long revision, Instant updatedAt,
        @Nullable String streetId) {
}
