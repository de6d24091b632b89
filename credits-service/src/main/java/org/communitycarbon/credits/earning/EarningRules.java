package org.communitycarbon.credits.earning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A community's earning rules as the property manager writes them, and as one version of them is stored. Absent
 * limits are no limits; a behaviour without a rule earns the service's default (1 credit per gram of CO2e).
 *
 * @param effectiveFrom from when the rules apply to behaviours (by when the behaviour occurred); now when absent, never
 *        in the past
 * @param timeZone the community's time zone, in which days and months of the caps are counted
 * @param householdDailyCap most credits a household earns in a day, all behaviours together
 * @param householdMonthlyCap the same per calendar month
 * @param householdEventsPerHour most behaviours a household is credited for in any 60 minutes; more are flagged
 */
record EarningRules(
        @Schema(example = "2026-12-01T00:00:00+08:00") @Nullable Instant effectiveFrom,
        @Schema(example = "Asia/Shanghai") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_+/-]+") @Nullable String timeZone,
        @Schema(example = "2000") @Min(1) @Max(1_000_000_000) @Nullable Long householdDailyCap,
        @Schema(example = "30000") @Min(1) @Max(1_000_000_000) @Nullable Long householdMonthlyCap,
        @Schema(example = "20") @Min(1) @Max(10_000) @Nullable Integer householdEventsPerHour,
        @Size(max = 10) @Valid @Nullable List<@NotNull @Valid BehaviourRule> behaviours,
        @Size(max = 20) @Valid @Nullable List<@NotNull @Valid Campaign> campaigns) {

    List<BehaviourRule> behaviourRules() {
        return behaviours == null ? List.of() : behaviours;
    }

    List<Campaign> campaignList() {
        return campaigns == null ? List.of() : campaigns;
    }

    /**
     * What one behaviour earns.
     *
     * @param basis {@code CO2E}: per kg CO2e reduced; {@code ACTIVITY}: per unit of the behaviour (kg sorted or recycled,
     *        km travelled, kWh saved)
     * @param creditsPerUnit credits per kg CO2e or per unit of activity, rounded half up to whole credits
     * @param participationCredits added for each recorded behaviour (for sorting: each correctly sorted drop)
     * @param maxActivity the most one behaviour can plausibly be (a drop heavier than this is a scale fault or fraud):
     *        above it, flagged and not credited
     */
    record BehaviourRule(
            @Schema(example = "SORTED_PERISHABLE_WASTE") @NotNull ReductionBehaviour behaviour,
            @Schema(example = "ACTIVITY") @NotNull Basis basis,
            @Schema(example = "200") @NotNull @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 6, fraction = 3) BigDecimal creditsPerUnit,
            @Schema(example = "10") @Min(0) @Max(100_000) @Nullable Long participationCredits,
            @Schema(example = "500") @Min(1) @Max(1_000_000_000) @Nullable Long dailyCap,
            @Schema(example = "8000") @Min(1) @Max(1_000_000_000) @Nullable Long monthlyCap,
            @Schema(example = "30") @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") @Digits(integer = 6, fraction = 3)
            @Nullable BigDecimal maxActivity) {

        long participation() {
            return participationCredits == null ? 0 : participationCredits;
        }
    }

    /** What a rule counts credits on. */
    enum Basis {
        CO2E, ACTIVITY
    }

    /**
     * A bonus campaign: credits of the behaviour (every behaviour when absent) multiplied while it runs. When campaigns
     * overlap the highest multiplier applies. Caps still apply.
     */
    record Campaign(
            @Schema(example = "Green December") @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
            @Schema(example = "SORTED_PERISHABLE_WASTE") @Nullable ReductionBehaviour behaviour,
            @Schema(example = "2.0") @NotNull @DecimalMin("1") @DecimalMax("10") @Digits(integer = 2, fraction = 2) BigDecimal multiplier,
            @Schema(example = "2026-12-01T00:00:00+08:00") @NotNull Instant startsAt,
            @Schema(description = "Exclusive", example = "2027-01-01T00:00:00+08:00") @NotNull Instant endsAt) {
    }
}
