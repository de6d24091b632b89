package org.communitycarbon.recycling.tool;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A shared tool of a community. */
record ToolView(UUID id, String communityId, String name, @Nullable String description, int depositCredits, Instant addedAt) {
}
