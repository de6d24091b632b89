package org.communitycarbon.credits.redemption;

import java.time.Instant;
import java.util.UUID;

/** A catalogue item as residents and the property team see it. */
public record CatalogueItemView(UUID id, String communityId, ItemKind kind, String nameZh, String nameEn, long price,
        int stock, Instant validFrom, Instant validUntil) {
}
