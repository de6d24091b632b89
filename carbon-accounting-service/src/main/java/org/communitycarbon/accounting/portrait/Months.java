package org.communitycarbon.accounting.portrait;

import java.time.YearMonth;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.jspecify.annotations.Nullable;

/** A month parameter: {@code YYYY-MM}, 2000-01 to 2100-01. */
public final class Months {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final YearMonth EARLIEST = YearMonth.of(2000, 1);
    private static final YearMonth LATEST = YearMonth.of(2100, 1);

    private Months() {
    }

    public static YearMonth parse(@Nullable String value, String field, YearMonth otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value.length() != 7 || !MONTH.matcher(value).matches()) {
            throw new ContractViolation(field, "must be a month YYYY-MM");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value);
        }
        catch (java.time.format.DateTimeParseException e) {
            throw new ContractViolation(field, "must be a month YYYY-MM, was " + value);
        }
        if (month.isBefore(EARLIEST) || month.isAfter(LATEST)) {
            throw new ContractViolation(field, "must be between " + EARLIEST + " and " + LATEST + ", was " + value);
        }
        return month;
    }
}
