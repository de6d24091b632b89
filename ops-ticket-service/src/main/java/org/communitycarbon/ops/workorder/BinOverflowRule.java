package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.BinStatusReported;

/**
 * When a bin status opens a work order: its fill level is at or above the threshold, the bin has no
 * active order, and the reading was observed after the bin's last order was resolved. The deadline is
 * the reading's time plus {@link BinOverflowSettings#resolveWithin()}.
 */
final class BinOverflowRule {

    private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

    private final BinOverflowSettings settings;

    BinOverflowRule(BinOverflowSettings settings) {
        this.settings = settings;
    }

    /** The fill level is at or above the threshold. */
    boolean overflows(BinStatusReported status) {
        return status.fillingLevel().value().compareTo(settings.threshold()) >= 0;
    }

    /** The fill level is below the level that confirms the bin was emptied. */
    boolean emptied(BinStatusReported status) {
        return status.fillingLevel().value().compareTo(settings.emptiedBelow()) < 0;
    }

    /** The order this status opens for a bin with the given history, if it opens one. */
    Optional<NewWorkOrder> assess(BinStatusReported status, BinHistory bin) {
        if (!overflows(status) || bin.activeOrder() || bin.predatesLastResolution(status.occurredAt())) {
            return Optional.empty();
        }
        return Optional.of(new NewWorkOrder(NewWorkOrder.idFor(status.eventId()), status.communityId(),
                WorkOrderType.BIN_OVERFLOW, status.deviceId(), status.eventId(), title(status), status.fillingLevel(),
                Quantity.of(settings.threshold(), Unit.RATIO), NewWorkOrder.propertyTeamOf(status.communityId()),
                status.occurredAt(), status.occurredAt().plus(settings.resolveWithin())));
    }

    private static String title(BinStatusReported status) {
        BigDecimal percent = status.fillingLevel().value().multiply(PERCENT).setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return "Bin " + status.deviceId() + " is " + percent.toPlainString() + "% full";
    }
}
