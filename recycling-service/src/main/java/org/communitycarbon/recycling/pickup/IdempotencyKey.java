package org.communitycarbon.recycling.pickup;

import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;

/**
 * The {@value #HEADER} a client sends with a booking so that retrying it (after a timeout, a lost
 * answer, a double tap) books once. Scoped to the household: two households may use the same key.
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    IdempotencyKey {
        if (!FORMAT.matcher(value).matches()) {
            throw new ContractViolation(HEADER, "must be 1 to 64 letters, digits, '_' or '-'");
        }
    }
}
