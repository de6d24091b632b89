package org.communitycarbon.credits.merchant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A merchant as the property team and the merchant's own users see it. */
record MerchantView(UUID id, String communityId, String name, boolean active, Instant onboardedAt, List<User> users) {

    /** A user acting for the merchant. */
    record User(String subject, String name, Instant addedAt) {
    }
}
