package org.communitycarbon.credits.merchant;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A merchant's monthly statement: its debits and the reversals of its debits within the month (in the community's time
 * zone), their totals, and what the property company settles with it ({@code net}).
 *
 * @param from the month's first instant, inclusive
 * @param until the next month's first instant, exclusive
 */
record MerchantStatement(UUID merchantId, String merchantName, String communityId, YearMonth month, String timeZone, Instant from,
        Instant until, long debits, long debited, long reversals, long reversed, long net, List<Line> lines) {

    /** A debit or a reversal. {@code amount} is what the merchant took (positive) or gave back (negative). */
    record Line(String kind, UUID debitId, Instant at, String householdRef, long amount, @Nullable UUID itemId) {
    }
}
