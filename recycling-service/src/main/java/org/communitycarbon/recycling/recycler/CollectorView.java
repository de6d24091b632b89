package org.communitycarbon.recycling.recycler;

import java.time.Instant;
import java.util.UUID;

/** A collector of a recycling company. */
public record CollectorView(UUID id, String recyclerId, String name, String subject, Instant addedAt) {
}
