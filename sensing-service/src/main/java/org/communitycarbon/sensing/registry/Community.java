package org.communitycarbon.sensing.registry;

import java.time.Instant;

import org.communitycarbon.model.registry.CommunityType;

/**
 * A registered community.
 *
 * @param region the grid region whose emission factor applies
 * @param timeZone the IANA zone its days are counted in
 * @param revision the registry revision of its latest change
 */
record Community(String id, String name, CommunityType type, String region, String timeZone, long revision, Instant updatedAt) {
}
