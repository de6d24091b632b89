package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A connected scale's weighing recorded on a pickup, as stored (table {@code scale_weighing}); written by {@link ScaleWeighings}. */
@Embeddable
class ScaleWeighingEntry {

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "weighing_id")
    private String weighingId;

    @Column(name = "named_pickup_id")
    private UUID pickupId;

    private String category;

    @Column(name = "weight_kg")
    private BigDecimal weightKg;

    @Column(name = "measured_at")
    private Instant measuredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Enumerated(EnumType.STRING)
    private ScaleWeighingOutcome outcome;

    @Enumerated(EnumType.STRING)
    private @Nullable ScaleWeighingReason reason;

    private @Nullable String detail;

    protected ScaleWeighingEntry() {
    }

    ScaleWeighingView view() {
        return new ScaleWeighingView(deviceId, weighingId, pickupId, category, weightKg, measuredAt, recordedAt, outcome, reason,
                detail);
    }
}
