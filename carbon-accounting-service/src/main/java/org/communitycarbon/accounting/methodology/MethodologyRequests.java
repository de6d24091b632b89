package org.communitycarbon.accounting.methodology;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/** What admins send, and the rules it must meet (each refusal names its field). */
final class MethodologyRequests {

    static final int MAX_FACTORS = 200;
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 1, 1);
    private static final Pattern METHODOLOGY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern APPLIES_TO = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final BigDecimal MAX_VALUE = new BigDecimal("999999.999999");
    private static final BigDecimal MAX_PER_QUANTITY = new BigDecimal("999999999.999");

    private MethodologyRequests() {
    }

    /** A new methodology, without versions yet. */
    record NewMethodology(@Nullable String id, @Nullable String title, @Nullable String description) {

        NewMethodology checked() {
            Require.present(id, "id");
            if (!METHODOLOGY_ID.matcher(id).matches()) {
                throw new ContractViolation("id", "must be 1 to 48 lower-case letters, digits and '-', starting with a letter or digit");
            }
            return new NewMethodology(id, Require.text(title, "title", 200), Require.text(description, "description", 4000));
        }
    }

    /**
     * A draft version: where and from when it applies, and its factors.
     *
     * @param region where the version applies, e.g. {@code CN}, {@code CN-HB-Wuhan}
     * @param effectiveFrom the first local day it prices
     * @param effectiveUntil the first local day it no longer prices; none for open-ended
     */
    record VersionDraft(@Nullable String region, @Nullable LocalDate effectiveFrom, @Nullable LocalDate effectiveUntil,
            @Nullable String notes, @Nullable List<FactorDraft> factors) {

        VersionDraft checked() {
            Require.present(region, "region");
            if (!REGION.matcher(region).matches()) {
                throw new ContractViolation("region", "must be 1 to 64 letters, digits and '-', e.g. CN or CN-HB-Wuhan");
            }
            date(effectiveFrom, "effectiveFrom");
            if (effectiveUntil != null) {
                date(effectiveUntil, "effectiveUntil");
                if (!effectiveUntil.isAfter(effectiveFrom)) {
                    throw new ContractViolation("effectiveUntil", "must be after effectiveFrom");
                }
            }
            String checkedNotes = notes == null ? "" : notes;
            if (checkedNotes.length() > 4000) {
                throw new ContractViolation("notes", "must be at most 4000 characters");
            }
            Require.present(factors, "factors");
            if (factors.isEmpty() || factors.size() > MAX_FACTORS) {
                throw new ContractViolation("factors", "must hold 1 to " + MAX_FACTORS + " factors, held " + factors.size());
            }
            List<FactorDraft> checkedFactors = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < factors.size(); i++) {
                FactorDraft factor = Require.present(factors.get(i), "factors[" + i + "]").checked("factors[" + i + "]");
                if (!keys.add(factor.kind() + "/" + factor.appliesTo())) {
                    throw new ContractViolation("factors[" + i + "]", "repeats the factor " + factor.kind()
                            + (factor.appliesTo().isEmpty() ? "" : " for " + factor.appliesTo()));
                }
                checkedFactors.add(factor);
            }
            return new VersionDraft(region, effectiveFrom, effectiveUntil, checkedNotes, List.copyOf(checkedFactors));
        }

        private static void date(@Nullable LocalDate date, String field) {
            Require.present(date, field);
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                throw new ContractViolation(field, "must be between " + EARLIEST + " and " + LATEST);
            }
        }
    }

    /**
     * One factor of a draft: {@code value} kg of {@code gas} per {@code perQuantity} {@code perUnit}.
     *
     * @param appliesTo grid region, travel mode or goods category; none for all
     * @param perQuantity how much activity the value is stated for (1 when absent; the Wuhan pilot's 10 kWh)
     * @param perUnit the kind's unit (KWH, KG, KM or M3), when absent the kind's
     */
    record FactorDraft(@Nullable FactorKind kind, @Nullable String appliesTo, @Nullable BigDecimal value,
            @Nullable BigDecimal perQuantity, @Nullable Unit perUnit, @Nullable Gas gas, @Nullable SourceDraft source,
            @Nullable Boolean uncertain) {

        FactorDraft checked(String at) {
            Require.present(kind, at + ".kind");
            String scope = appliesTo == null ? "" : appliesTo;
            if (!scope.isEmpty() && !APPLIES_TO.matcher(scope).matches()) {
                throw new ContractViolation(at + ".appliesTo", "must be 1 to 64 lower-case letters, digits and '-', or absent");
            }
            BigDecimal checkedValue = exact(value, at + ".value", BigDecimal.ZERO, MAX_VALUE, 6);
            BigDecimal quantity = perQuantity == null ? BigDecimal.ONE
                    : exact(perQuantity, at + ".perQuantity", new BigDecimal("0.001"), MAX_PER_QUANTITY, 3);
            Unit unit = perUnit == null ? kind.perUnit() : perUnit;
            if (unit != kind.perUnit()) {
                throw new ContractViolation(at + ".perUnit", "a " + kind + " factor is stated per " + kind.perUnit() + ", was " + unit);
            }
            Require.present(gas, at + ".gas");
            if (kind.requiredGas() != null && gas != kind.requiredGas()) {
                throw new ContractViolation(at + ".gas", "a " + kind + " factor counts " + kind.requiredGas()
                        + " (grid electricity and fuel combustion factors are kg CO2, not CO2e), was " + gas);
            }
            SourceDraft checkedSource = Require.present(source, at + ".source").checked(at + ".source");
            return new FactorDraft(kind, scope, checkedValue, quantity, unit, gas, checkedSource, Boolean.TRUE.equals(uncertain));
        }
    }

    /** A number in range with at most {@code scale} decimal places: a factor is stored as given, never rounded. */
    static BigDecimal exact(@Nullable BigDecimal value, String field, BigDecimal min, BigDecimal max, int scale) {
        Require.between(value, field, min, max);
        if (value.stripTrailingZeros().scale() > scale) {
            throw new ContractViolation(field, "must have at most " + scale + " decimal places, was " + Require.show(value));
        }
        return value;
    }

    /** Where a factor comes from: the document, the table or section in it, and the year of the data. */
    record SourceDraft(@Nullable String document, @Nullable String table, @Nullable Integer year) {

        SourceDraft checked(String at) {
            String checkedDocument = Require.text(document, at + ".document", 500);
            String checkedTable = Require.text(table, at + ".table", 200);
            if (year != null && (year < 1990 || year > 2100)) {
                throw new ContractViolation(at + ".year", "must be between 1990 and 2100, was " + year);
            }
            return new SourceDraft(checkedDocument, checkedTable, year);
        }
    }

    /**
     * A community's methodology from a time on.
     *
     * @param effectiveFrom from when; now when absent
     * @param reason why, for the history
     */
    record NewAssignment(@Nullable String methodology, @Nullable Instant effectiveFrom, @Nullable String reason) {

        NewAssignment checked(Instant now) {
            Require.present(methodology, "methodology");
            if (!METHODOLOGY_ID.matcher(methodology).matches()) {
                throw new ContractViolation("methodology", "must be a methodology id");
            }
            Instant from = effectiveFrom == null ? now : effectiveFrom;
            if (from.isBefore(EARLIEST.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                    || from.isAfter(LATEST.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())) {
                throw new ContractViolation("effectiveFrom", "must be between " + EARLIEST + " and " + LATEST);
            }
            return new NewAssignment(methodology, from, Require.text(reason, "reason", 500));
        }
    }
}
