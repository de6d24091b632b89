package org.communitycarbon.model.credits;

/** Topics the credits service writes, keyed by household id. */
public final class CreditsTopics {

    /** {@link CreditsAwarded}. */
    public static final String CREDITS_AWARDED = "credits.credits-awarded";

    private CreditsTopics() {
    }
}
