package org.communitycarbon.credits.rating;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a month's earning becomes a grade ({@code credits.rating.*}; docs/credits.md#low-carbon-household-rating).
 * Counted from the month's behaviours that were not flagged, in the community's time zone: the credits credited, the
 * distinct behaviours, the distinct days with one.
 * <ul>
 * <li>{@code LOW_CARBON_FAMILY}: at least {@code familyCredits} credits, {@code familyDays} active days and
 * {@code familyBehaviours} behaviours;</li>
 * <li>{@code ACTIVE}: at least {@code activeCredits} credits and {@code activeDays} active days;</li>
 * <li>{@code PARTICIPANT}: any behaviour credited;</li>
 * <li>{@code NOT_RATED}: none.</li>
 * </ul>
 */
@ConfigurationProperties("credits.rating")
record RatingRule(@DefaultValue("3000") long familyCredits, @DefaultValue("12") int familyDays, @DefaultValue("2") int familyBehaviours,
        @DefaultValue("1000") long activeCredits, @DefaultValue("6") int activeDays) {

    enum Grade {
        LOW_CARBON_FAMILY, ACTIVE, PARTICIPANT, NOT_RATED
    }

    Grade grade(long credits, int days, int behaviours) {
        if (credits >= familyCredits && days >= familyDays && behaviours >= familyBehaviours) {
            return Grade.LOW_CARBON_FAMILY;
        }
        if (credits >= activeCredits && days >= activeDays) {
            return Grade.ACTIVE;
        }
        return days > 0 ? Grade.PARTICIPANT : Grade.NOT_RATED;
    }
}
