package org.communitycarbon.accounting.methodology;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/** What the methodology endpoints answer. */
final class MethodologyViews {

    private MethodologyViews() {
    }

    enum Status {
        DRAFT, PUBLISHED
    }

    /** A methodology and its versions (drafts only for admins). */
    record MethodologySummary(String id, String title, String description, boolean isDefault, List<VersionSummary> versions) {
    }

    record VersionSummary(int version, String region, LocalDate effectiveFrom, @Nullable LocalDate effectiveUntil, Status status,
            @Nullable Instant publishedAt) {
    }

    /** A version with its factors. */
    record VersionView(String methodologyId, int version, String region, LocalDate effectiveFrom, @Nullable LocalDate effectiveUntil,
            String notes, Status status, String draftedBy, Instant draftedAt, @Nullable String publishedBy,
            @Nullable Instant publishedAt, List<FactorView> factors) {
    }

    /**
     * @param id what figures record (published factors only)
     * @param perOneUnit {@code value / perQuantity}: kg of {@code gas} per one {@code perUnit}
     * @param unit for people: {@code kg CO2e per 10 kWh}
     */
    record FactorView(@Nullable Long id, FactorKind kind, String appliesTo, BigDecimal value, BigDecimal perQuantity, Unit perUnit,
            Gas gas, BigDecimal perOneUnit, String unit, Factor.Source source, boolean uncertain) {
    }

    /** Which methodology a community uses now, its version in force today, and every assignment it has had. */
    record CommunityMethodology(String communityId, String region, String methodology, boolean isDefault,
            @Nullable Integer versionInForce, List<Assignment> history) {
    }

    record Assignment(String methodology, Instant effectiveFrom, String reason, String assignedBy, Instant assignedAt) {
    }
}
