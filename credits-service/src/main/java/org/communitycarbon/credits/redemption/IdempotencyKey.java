package org.communitycarbon.credits.redemption;

import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;

/**
 * The {@value #HEADER} a resident's app sends with a redemption so that retrying it (a timeout, a lost answer, a double
 * tap) debits once. Scoped to the household: two households may use the same key.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    /** Set on a 200 answer that repeats what an earlier request with the same key did. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public IdempotencyKey {
        if (!FORMAT.matcher(value).matches()) {
            throw new ContractViolation(HEADER, "must be 1 to 64 letters, digits, '_' or '-'");
        }
    }
}
