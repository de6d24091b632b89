package org.communitycarbon.accounting.restatement;

import java.time.YearMonth;
import java.util.regex.Pattern;

import org.communitycarbon.accounting.portrait.Months;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * What a restatement is asked for: the community's local months {@code from} to {@code to} (both included, at most
 * {@value #MAX_MONTHS}, none after the running month) under a published version of a methodology.
 *
 * @param methodology a methodology id, e.g. {@code mee-grid}
 * @param version one of its published version numbers
 * @param from the first local month, {@code YYYY-MM}
 * @param to the last local month, {@code YYYY-MM}
 */
record RestatementRequest(@Nullable String methodology, @Nullable Integer version, @Nullable String from, @Nullable String to) {

    static final int MAX_MONTHS = 36;
    private static final Pattern METHODOLOGY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    /** A request checked against its bounds; each refusal names its field. */
    record Checked(String methodology, int version, YearMonth from, YearMonth to) {
    }

    Checked checked(YearMonth runningMonth) {
        Require.present(methodology, "methodology");
        if (!METHODOLOGY_ID.matcher(methodology).matches()) {
            throw new ContractViolation("methodology", "must be a methodology id: 1 to 48 lower-case letters, digits and '-'");
        }
        Require.present(version, "version");
        if (version < 1 || version > 100000) {
            throw new ContractViolation("version", "must be 1 to 100000");
        }
        YearMonth first = Months.parse(Require.present(from, "from"), "from", runningMonth);
        YearMonth last = Months.parse(Require.present(to, "to"), "to", runningMonth);
        if (last.isBefore(first)) {
            throw new ContractViolation("to", "must not be before from");
        }
        if (last.isAfter(runningMonth)) {
            throw new ContractViolation("to", "must not be after the running month " + runningMonth);
        }
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw new ContractViolation("to", "a restatement covers at most " + MAX_MONTHS + " months");
        }
        return new Checked(methodology, version, first, last);
    }
}
