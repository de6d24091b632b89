package org.communitycarbon.ops.workorder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each level above the property company has (docs/operations.md, escalation). A level's deadline counts from
 * the deadline the level below missed, not from when the check noticed it, so a late check does not lengthen it.
 *
 * @param committeeWithin the residents' committee's time after the property company's deadline
 *        ({@code OPS_ESCALATION_COMMITTEE_WITHIN}, 24 hours)
 * @param streetOfficeWithin the street office's time after the committee's deadline
 *        ({@code OPS_ESCALATION_STREET_OFFICE_WITHIN}, 48 hours)
 * @param checkInterval how often active orders are checked against their level's deadline
 *        ({@code OPS_ESCALATION_CHECK_INTERVAL}, 1 minute); read by the {@code @Scheduled} check
 * @param batchSize at most this many orders go up a level per check; the next check takes the rest (1,000)
 */
@ConfigurationProperties("ops.escalation")
public record EscalationSettings(
        @DefaultValue("PT24H") Duration committeeWithin,
        @DefaultValue("PT48H") Duration streetOfficeWithin,
        @DefaultValue("PT1M") Duration checkInterval,
        @DefaultValue("1000") int batchSize) {

    public EscalationSettings {
        if (!positive(committeeWithin) || !positive(streetOfficeWithin) || !positive(checkInterval)) {
            throw new IllegalArgumentException("ops.escalation durations must be positive");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("ops.escalation.batch-size is 1 to 10000, was " + batchSize);
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** The time the level has after the deadline of the level below. */
    Duration within(org.communitycarbon.model.ops.EscalationLevel level) {
        return switch (level) {
            case PROPERTY_COMPANY -> throw new IllegalArgumentException("the property company's deadline is the order's own");
            case RESIDENTS_COMMITTEE -> committeeWithin;
            case STREET_OFFICE -> streetOfficeWithin;
        };
    }
}
